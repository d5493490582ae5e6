// Checks that `break` only appears inside switch, while or for (an `if` inside them counts),
// as cfg.y's grammar does; elsewhere OpenSIPS gives a syntax error.
import type { Script, Statement } from '../script/ast.js';
import type { Diagnostics } from '../script/diagnostics.js';

export function reportBreakOutside(script: Script, out: Diagnostics): void {
  for (const item of script.items) if (item.type === 'Route') walk(item.body, false, out);
}

function walk(list: readonly Statement[], inLoop: boolean, out: Diagnostics): void {
  for (const s of list) visit(s, inLoop, out);
}

function visit(s: Statement, inLoop: boolean, out: Diagnostics): void {
  switch (s.type) {
    case 'Break':
      if (!inLoop) out.error('TSIPS_SYNTAX_BREAK_OUTSIDE', s.loc, "'break' outside switch, while or for", 'use return or exit to leave a route');
      return;
    case 'Block': return walk(s.body, inLoop, out);
    case 'If': visit(s.then, inLoop, out); if (s.else) visit(s.else, inLoop, out); return;
    case 'While': case 'ForEach': return visit(s.body, true, out);
    case 'Switch': for (const c of s.cases) walk(c.body, true, out); return;
    default: return;
  }
}
