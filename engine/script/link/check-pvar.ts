// Checks one pseudo-variable (in code or inside a formatted string): the class exists (core
// or a loaded module), it has an inner name exactly when its class takes one, it is
// writable when written, and its transformations exist with a fitting parameter count.
import type * as ast from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import { REMOVED_PVARS } from '../pvars/index.js';
import { findTransform } from '../transforms/index.js';
import { closest } from '../../modules/closest-name.js';
import type { LinkEnv } from './link-env.js';

export function checkPVar(pv: ast.PVar, env: LinkEnv, out: Diagnostics, write = false): void {
  const spec = env.pvars.get(pv.name);
  if (!spec) {
    const removed = REMOVED_PVARS.get(pv.name);
    if (removed) {
      out.error('TSIPS_LINK_REMOVED_PVAR', pv.nameLoc, `$${pv.name} does not exist in OpenSIPS 3.3+`, `use ${removed}`);
      return;
    }
    const near = pv.name.endsWith('.') && env.pvars.has(pv.name.slice(0, -1))
      ? `'.' belongs to the name: write $(${pv.name.slice(0, -1)}). to print a dot after it`
      : hintFor(pv.name, env);
    out.error('TSIPS_LINK_UNKNOWN_PVAR', pv.nameLoc, `unknown variable $${pv.name}`, near);
    return;
  }
  if (spec.inner === 'required' && pv.inner === null) {
    out.error('TSIPS_LINK_PVAR_INNER', pv.nameLoc, `$${pv.name} needs a name in parentheses`, `write $${pv.name}(name)`);
  } else if (spec.inner === 'none' && pv.inner !== null) {
    out.error('TSIPS_LINK_PVAR_INNER', pv.inner.loc, `$${pv.name} takes no name in parentheses`);
  }
  if (pv.inner?.type === 'PVar') checkPVar(pv.inner, env, out);
  if (pv.index?.value !== undefined && typeof pv.index.value === 'object') checkPVar(pv.index.value, env, out);
  if (write && !spec.writable) {
    out.error('TSIPS_LINK_PVAR_READONLY', pv.nameLoc, `$${pv.name} is read-only`);
  }
  for (const t of pv.transforms) checkTransform(t, env, out);
}

function hintFor(name: string, env: LinkEnv): string {
  const near = closest(name, [...env.pvars.keys()]);
  return near ? `did you mean $${near}?` : 'maybe a loadmodule statement is missing?';
}

function checkTransform(t: ast.Transform, env: LinkEnv, out: Diagnostics): void {
  const def = findTransform(t.name);
  if (!def) {
    out.error('TSIPS_LINK_UNKNOWN_TRANSFORM', t.nameLoc, `unknown transformation {${t.name}}`);
    return;
  }
  const min = def.args.filter((a) => !a.optional).length;
  if (t.args.length < min || t.args.length > def.args.length) {
    const want = min === def.args.length ? `${min}` : `${min} to ${def.args.length}`;
    out.error('TSIPS_LINK_TRANSFORM_ARGS', t.nameLoc, `{${def.name}} takes ${want} parameter${def.args.length === 1 && min === 1 ? '' : 's'}, got ${t.args.length}`);
  }
  for (const a of t.args) if (a.type === 'PVar') checkPVar(a, env, out);
}
