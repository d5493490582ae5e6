// Statements the grammar reads but tsips does not run yet (script-language.md 5.10-5.11,
// Tier 3): refusing them at start-up is better than skipping them silently per message.
import type * as ast from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import { forEachRouteNode } from './walk-routes.js';

export function reportUnsupported(script: ast.Script, out: Diagnostics): void {
  forEachRouteNode(script, (n) => {
    if (n.type === 'Async' || n.type === 'Launch' || n.type === 'Assert') {
      const word = n.type.toLowerCase();
      out.error('TSIPS_LINK_NOT_SUPPORTED', n.loc, `${word}() is not supported yet`);
    }
  });
}
