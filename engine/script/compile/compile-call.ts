// Function calls: arguments converted to their declared kinds once where constant, per
// call where variable (a variable that does not fit makes the call -1 without calling,
// section 10.3), andThen `run` with the module's state. A result that is a promise keeps
// the caller waiting; a plain one keeps it synchronous. The code lands in $rc.
import type * as ast from '../ast.js';
import type { ArgDef, PvarRef } from '../../modules/functions.js';
import { LogLevel } from '../../core/log.js';
import { printed } from '../value.js';
import { compilePosixRegex } from '../posix-regex.js';
import { where, type CEnv } from './compile-env.js';
import { compilePVar } from './compile-pvar.js';
import { compileTemplate } from './compile-template.js';
import { toCode, type Frame, type Sync } from './flow.js';

/** An argument at run time; NO_ARG when the variable did not fit (the call is skipped). */
const NO_ARG: unique symbol = Symbol('bad argument');
type ArgFn = (f: Frame) => unknown;

export function compileCall(c: ast.Call, env: CEnv): (f: Frame) => Sync<number> {
  const entry = env.functions.get(c.name);
  if (!entry) throw new Error(`BUG: unlinked function ${c.name}`);
  const decl = entry.def.args as readonly ArgDef[];
  const args = decl.map((d, i) => compileArg(c, c.args[i] ?? null, d, i, env));
  const run = entry.def.run as (...a: unknown[]) => Sync<number | boolean>;
  const module = entry.module;
  const at = where(c.loc);
  const failed = (f: Frame, e: unknown): number => {
    f.ctx.core.log.log(LogLevel.ERR, 'core', `${c.name}() failed at ${at}: ${(e as Error)?.message ?? e}`);
    return (f.ctx.rc = -1);
  };
  return (f) => {
    const values: unknown[] = [f.ctx, module === undefined ? undefined : env.states.get(module)];
    for (const a of args) {
      const v = a(f);
      if (v === NO_ARG) return (f.ctx.rc = -1);
      values.push(v);
    }
    let r: Sync<number | boolean>;
    try { r = run(...values); } catch (e) { return failed(f, e); }
    if (r instanceof Promise) return r.then((x) => (f.ctx.rc = toCode(x)), (e) => failed(f, e));
    return (f.ctx.rc = toCode(r));
  };
}

function compileArg(c: ast.Call, a: ast.Arg | null, d: ArgDef, i: number, env: CEnv): ArgFn {
  if (a === null || a.type === 'Null') return () => undefined;
  const param = `Variable in param [${i + 1}] of ${c.name}() at ${where(a.loc)}`;
  const complain = (f: Frame, what: string) => { f.ctx.core.log.log(LogLevel.ERR, 'core', `${param} is not ${what}`); return NO_ARG; };
  if (d.kind === 'pvar') {
    const acc = compilePVar(a as ast.PVar, env);
    return (f): PvarRef => ({ text: acc.text, get: () => acc.get(f), set: (v) => { acc.set(f, v, false); } });
  }
  if (a.type === 'PVar') {
    const acc = compilePVar(a, env);
    switch (d.kind) {
      case 'int': return (f) => { const v = acc.get(f); return v?.i ?? complain(f, 'an integer'); };
      case 'str': return (f) => { const v = acc.get(f); return v === null ? complain(f, 'a string') : printed(v); };
      case 'regex': return (f) => {
        const v = acc.get(f);
        if (v === null) return complain(f, 'a string');
        try { return compilePosixRegex(printed(v)); } catch { return complain(f, 'a valid regular expression'); }
      };
    }
  }
  if (a.type === 'Number') { const v = d.kind === 'int' ? a.value : a.raw; return () => v; }
  if (d.kind === 'int') { const n = Number(a.value.trim()) | 0; return () => n; } // converted at link time
  if (d.kind === 'regex') { const re = compilePosixRegex(a.value); return () => re; }
  if (d.noExpand || d.static) { const s = a.value; return () => s; }
  const t = compileTemplate(a, env);
  return typeof t === 'string' ? () => t : t;
}
