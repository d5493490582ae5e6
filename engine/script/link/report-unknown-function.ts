// Checks that every called function exists: a core function or one exported by a loaded
// module; the hint names the closest known name or the module to load.
import type * as ast from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import { closest } from '../../modules/closest-name.js';
import { KNOWN_MODULE_FUNCTIONS, type LinkEnv } from './link-env.js';
import { forEachRouteNode } from './walk-routes.js';

export function reportUnknownFunction(script: ast.Script, env: LinkEnv, out: Diagnostics): void {
  forEachRouteNode(script, (n) => {
    if (n.type !== 'Call' || env.functions.has(n.name)) return;
    const module = KNOWN_MODULE_FUNCTIONS[n.name];
    const near = closest(n.name, [...env.functions.keys()]);
    // A typo of a function whose module is not loaded: name both fixes.
    const farther = near ? undefined : closest(n.name, Object.keys(KNOWN_MODULE_FUNCTIONS));
    const hint = module ? `missing loadmodule "${module}.so"?`
      : near ? `did you mean '${near}'?`
      : farther ? `did you mean '${farther}' (loadmodule "${KNOWN_MODULE_FUNCTIONS[farther]}.so")?`
      : 'missing loadmodule?';
    out.error('TSIPS_LINK_UNKNOWN_FUNCTION', n.nameLoc, `unknown function '${n.name}'`, hint);
  });
}
