// Checks every pseudo-variable written in code (reads, assignment targets, for-each
// iterators) and inside formatted value strings; call arguments are checked with their
// function (report-arguments.ts) because only the parameter kind says if a string expands.
import type * as ast from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import type { LinkEnv } from './link-env.js';
import { checkPVar } from './check-pvar.js';
import { checkTemplate } from './templates.js';
import { forEachRouteNode, valueStrings } from './walk-routes.js';

export function reportPVars(script: ast.Script, env: LinkEnv, out: Diagnostics): void {
  // Variables nested in other variables are checked by checkPVar itself.
  const nested = new Set<ast.PVar>();
  const targets = new Set<ast.PVar>();
  forEachRouteNode(script, (n) => {
    if (n.type === 'PVar') {
      if (n.inner?.type === 'PVar') nested.add(n.inner);
      if (n.index && typeof n.index.value === 'object') nested.add(n.index.value);
      for (const t of n.transforms) for (const a of t.args) if (a.type === 'PVar') nested.add(a);
    } else if (n.type === 'Assign') {
      targets.add(n.target);
      for (const s of valueStrings(n.value)) checkTemplate(s, env, out);
    } else if (n.type === 'ValueTest') {
      for (const s of valueStrings(n.value)) checkTemplate(s, env, out);
    } else if (n.type === 'ForEach') targets.add(n.variable);
    else if (n.type === 'RouteCall' && n.target.type === 'RouteName' && n.target.form === 'string') checkTemplate(n.target, env, out);
  });
  forEachRouteNode(script, (n) => {
    if (n.type !== 'PVar' || nested.has(n)) return;
    checkPVar(n, env, out, targets.has(n));
    if (targets.has(n) && n.transforms.length) {
      out.error('TSIPS_LINK_PVAR_READONLY', n.transforms[0].loc, 'transformations are not accepted on the left side of an assignment');
    }
  });
}
