// Expressions: conditions with OpenSIPS's four results and short-circuit rules (6.3, 4.5),
// and values for assignments and `[ ]` (6.4). Calls inside set $rc; a call returning 0
// stops the script wherever it sits, also under !, && and ||.
import type * as ast from '../ast.js';
import { LogLevel } from '../../core/log.js';
import { int, str, truthy, type MaybeValue } from '../value.js';
import { compilePosixRegex } from '../posix-regex.js';
import { where, type CEnv } from './compile-env.js';
import { compilePVar } from './compile-pvar.js';
import { compileTemplate } from './compile-template.js';
import { compileCall } from './compile-call.js';
import { compileRouteCall } from './compile-route-call.js';
import { compareValues, compareWithNull, compareWithNumber, compareWithString, ipMatcher } from './compare.js';
import { binary } from './arithmetic.js';
import {
  ERROR, FALSE, NO_VALUE, STOP, STOP_VALUE, TRUE, andThen,
  type Cond, type ExprValue, type Frame, type Sync,
} from './flow.js';

export type CondFn = (f: Frame) => Sync<Cond>;
export type ValueFn = (f: Frame) => Sync<ExprValue>;

const codeToCond = (code: number): Cond => (code > 0 ? TRUE : code < 0 ? FALSE : STOP);

export function compileCond(e: ast.Expr, env: CEnv): CondFn {
  switch (e.type) {
    case 'Compare': return compileCompare(e, env);
    case 'Logical': {
      const a = compileCond(e.left, env), b = compileCond(e.right, env);
      // && goes on only after true, || only after false: error and stop end both.
      const goOn = e.op === '&&' ? TRUE : FALSE;
      return (f) => andThen(a(f), (x) => (x === goOn ? b(f) : x));
    }
    case 'Not': {
      const a = compileCond(e.operand, env);
      return (f) => andThen(a(f), (x): Cond => (x === TRUE ? FALSE : x === FALSE ? TRUE : x));
    }
    case 'Call': { const c = compileCall(e, env); return (f) => andThen(c(f), codeToCond); }
    case 'RouteCall': { const c = compileRouteCall(e, env); return (f) => andThen(c(f), codeToCond); }
    case 'Number': { const r = e.value !== 0 ? TRUE : FALSE; return () => r; }
    case 'Null': return () => FALSE;
    case 'PVar': { const acc = compilePVar(e, env); return (f) => (truthy(acc.get(f)) ? TRUE : FALSE); }
    default: {
      // [ value ] and anything else used as a condition: the truth of the computed value.
      const v = compileValue(e.type === 'ValueTest' ? e.value : e, env);
      return (f) => andThen(v(f), valueTruth);
    }
  }
}

function valueTruth(v: ExprValue): Cond {
  if (v === NO_VALUE) return ERROR;
  if (v === STOP_VALUE) return STOP;
  if (v === null) return FALSE;
  if (v.intFirst || v.s === undefined) return (v.i ?? 0) !== 0 ? TRUE : FALSE;
  return TRUE; // a computed string is true
}

function compileCompare(e: ast.Compare, env: CEnv): CondFn {
  const left = compilePVar(e.left, env);
  const { op, right } = e;
  const at = where(e.loc);
  const checked = (f: Frame, c: Cond): Cond => {
    if (c === ERROR) f.ctx.core.log.log(LogLevel.WARN, 'core', `invalid ${op} operation (type mismatch) in expression at ${at}`);
    return c;
  };
  switch (right.type) {
    case 'Null': return (f) => compareWithNull(op, left.get(f));
    case 'Number': { const n = right.value; return (f) => checked(f, compareWithNumber(op, left.get(f), n)); }
    case 'String': {
      const s = right.value;
      const re = op === '=~' || op === '!~' ? compilePosixRegex(s) : undefined;
      return (f) => checked(f, compareWithString(op, left.get(f), s, re));
    }
    case 'Ip': {
      const m = ipMatcher(right);
      const want = op === '==';
      return (f) => { const v = left.get(f); return v === null ? (want ? FALSE : TRUE) : m(v) === want ? TRUE : FALSE; };
    }
    case 'PVar': {
      const r = compilePVar(right, env);
      return (f) => checked(f, compareValues(op, left.get(f), r.get(f)));
    }
  }
}

export function compileValue(e: ast.Expr, env: CEnv): ValueFn {
  switch (e.type) {
    case 'String': {
      const t = compileTemplate(e, env);
      if (typeof t === 'string') { const v = str(t); return () => v; }
      return (f) => str(t(f));
    }
    // A number literal has no string form: `"a" + 1` is an error (6.4).
    case 'Number': { const v: MaybeValue = { i: e.value, intFirst: true }; return () => v; }
    case 'Null': return () => null;
    case 'PVar': { const acc = compilePVar(e, env); return (f) => acc.get(f); }
    case 'Binary': {
      const a = compileValue(e.left, env), b = compileValue(e.right, env);
      const at = where(e.loc);
      return (f) => andThen(a(f), (x) => (x === NO_VALUE || x === STOP_VALUE ? x : andThen(b(f), (y): ExprValue => {
        if (y === NO_VALUE || y === STOP_VALUE) return y;
        const r = binary(e.op, x, y);
        if (r.error) f.ctx.core.log.log(LogLevel.ERR, 'core', `${r.error} in expression at ${at}`);
        return r.value === undefined ? NO_VALUE : r.value;
      })));
    }
    case 'BitNot': {
      const a = compileValue(e.operand, env);
      return (f) => andThen(a(f), (x): ExprValue => (x === NO_VALUE || x === STOP_VALUE ? x : x !== null && x.i !== undefined && (x.intFirst || x.s === undefined) ? int(~x.i) : NO_VALUE));
    }
    case 'Call': { const c = compileCall(e, env); return (f) => andThen(c(f), (code) => (code === 0 ? STOP_VALUE : int(code))); }
    case 'RouteCall': { const c = compileRouteCall(e, env); return (f) => andThen(c(f), (code) => (code === 0 ? STOP_VALUE : int(code))); }
    case 'BadExpr': return () => NO_VALUE;
    default: {
      // A comparison or logical expression used as a value gives 1 or 0.
      const c = compileCond(e, env);
      return (f) => andThen(c(f), (x): ExprValue => (x === STOP ? STOP_VALUE : x === ERROR ? NO_VALUE : int(x === TRUE ? 1 : 0)));
    }
  }
}
