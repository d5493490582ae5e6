// Formatted strings as the linker and compiler see them: parsed with the variable table so
// that `$x(` opens an inner name only for classes that take one.
import type * as ast from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import { parseTemplate, hasVariables, type ParsedTemplate } from '../template/parse-template.js';
import type { PvarSpec } from '../pvars/index.js';
import { checkPVar } from './check-pvar.js';
import type { LinkEnv } from './link-env.js';

export function parseStringTemplate(s: { value: string; loc: ast.Loc }, pvars: ReadonlyMap<string, PvarSpec>): ParsedTemplate {
  return parseTemplate(s.value, s.loc, (name) => pvars.get(name)?.inner);
}

/** Checks every variable of a formatted string; plain strings cost nothing. */
export function checkTemplate(s: { value: string; loc: ast.Loc }, env: LinkEnv, out: Diagnostics): void {
  if (!hasVariables(s.value)) return;
  const t = parseStringTemplate(s, env.pvars);
  for (const p of t.problems) out.error('TSIPS_LINK_BAD_TEMPLATE', p.loc, p.message);
  for (const part of t.parts) if (typeof part !== 'string') checkPVar(part, env, out);
}
