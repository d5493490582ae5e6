// Formatted strings -> a function building the text at run time, prepared once: a string
// without variables stays a constant. NULL prints as "<null>" (7.1).
import type * as ast from '../ast.js';
import { printed } from '../value.js';
import { hasVariables } from '../template/parse-template.js';
import { parseStringTemplate } from '../link/templates.js';
import type { CEnv } from './compile-env.js';
import { compilePVar } from './compile-pvar.js';
import type { Frame } from './flow.js';

export type TextFn = (f: Frame) => string;

export function compileTemplate(s: { value: string; loc: ast.Loc }, env: CEnv): TextFn | string {
  if (!hasVariables(s.value)) return s.value;
  const parts = parseStringTemplate(s, env.pvars).parts.map((p) => {
    if (typeof p === 'string') return p;
    const acc = compilePVar(p, env);
    return (f: Frame) => printed(acc.get(f));
  });
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  return (f) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : p(f);
    return out;
  };
}
