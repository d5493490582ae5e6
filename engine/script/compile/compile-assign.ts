// Assignments (script-language.md 5.6, 7.4): `=` and `:=` set (an AVP `=` pushes, `:=`
// replaces all), `= NULL` deletes, compound operators compute from the current value
// (and push for an AVP, quirk 8). A failure logs, leaves the variable alone, $rc = -1.
import type * as ast from '../ast.js';
import { LogLevel } from '../../core/log.js';
import { int, str, type MaybeValue, type Value } from '../value.js';
import { where, type CEnv } from './compile-env.js';
import { compilePVar } from './compile-pvar.js';
import { compileValue } from './compile-expr.js';
import { intOp } from './arithmetic.js';
import { EXIT, NEXT, NO_VALUE, STOP_VALUE, andThen, type Exec, type Flow } from './flow.js';

/** The type a stored value keeps: integer when primarily one, else its string (5.6). */
function stored(v: MaybeValue): MaybeValue {
  if (v === null) return null;
  if (v.intFirst && v.i !== undefined) return int(v.i);
  return v.s !== undefined ? str(v.s) : int(v.i ?? 0);
}

export function compileAssign(a: ast.Assign, env: CEnv): Exec {
  const target = compilePVar(a.target, env);
  const value = compileValue(a.value, env);
  const at = where(a.loc);
  const op = a.op;
  const compound = op !== '=' && op !== ':=' ? (op.slice(0, -1) as ast.BinaryOp) : undefined;
  return (f) => andThen(value(f), (v): Flow => {
    const { ctx } = f;
    const fail = (why: string): Flow => { ctx.core.log.log(LogLevel.ERR, 'core', `${why} at ${at}`); ctx.rc = f.last = -1; return NEXT; };
    if (v === STOP_VALUE) return EXIT;
    if (v === NO_VALUE) return fail('no value in right expression');
    let result: MaybeValue = v;
    if (compound) {
      const cur = target.get(f);
      if (cur === null || v === null) return fail(`NULL operand for ${op}`);
      const r = combine(compound, cur, v);
      if (typeof r === 'string') return fail(r);
      result = r;
    }
    ctx.rc = f.last = target.set(f, stored(result), op === ':=') ? 1 : -1;
    if (ctx.rc < 0) ctx.core.log.log(LogLevel.ERR, 'core', `cannot assign to ${target.text} at ${at}`);
    return NEXT;
  });
}

/** The new value of `cur OP= v`, or the error text. */
function combine(op: ast.BinaryOp, cur: Value, v: Value): Value | string {
  const plainString = (x: Value) => !x.intFirst;
  if (plainString(cur) && plainString(v) && cur.s !== undefined && v.s !== undefined) {
    if (op === '+') return str(cur.s + v.s);
    return `unsupported operand type(s) for ${op}=: string and string`;
  }
  if (cur.i === undefined || v.i === undefined) return `unsupported operand type(s) for ${op}=`;
  const r = intOp(op, cur.i, v.i);
  return r === 'div0' ? 'divide by 0' : int(r);
}
