// Statements -> closures returning the Flow (what the enclosing list does next), with
// $rc updated as script-language.md 4.4 says: a call's value, 1 after an assignment, the
// branch's last value after an if (0 when a false if had no else).
import type * as ast from '../ast.js';
import { LogLevel } from '../../core/log.js';
import { printed, type MaybeValue } from '../value.js';
import { where, type CEnv } from './compile-env.js';
import { compilePVar } from './compile-pvar.js';
import { compileCall } from './compile-call.js';
import { compileRouteCall } from './compile-route-call.js';
import { compileCond } from './compile-expr.js';
import { compileAssign } from './compile-assign.js';
import { compileSwitch } from './compile-switch.js';
import { compileForEach, compileWhile } from './compile-loops.js';
import { BREAK, ERROR, EXIT, NEXT, RETURN, STOP, TRUE, runList, andThen, type Exec, type Flow, type Frame } from './flow.js';
import { int, leadingInt, str } from '../value.js';

export function compileBody(body: readonly ast.Statement[], env: CEnv): Exec[] {
  const out: Exec[] = [];
  for (const s of body) {
    const e = compileStatement(s, env);
    if (e) out.push(e);
  }
  return out;
}

export function compileBlock(body: readonly ast.Statement[], env: CEnv): Exec {
  const list = compileBody(body, env);
  if (list.length === 1) return list[0];
  return (f) => runList(list, f);
}

/** A call's code as the statement's flow: 0 ends the script. */
const codeFlow = (f: Frame, code: number): Flow => { f.last = code; return code === 0 ? EXIT : NEXT; };

function compileStatement(s: ast.Statement, env: CEnv): Exec | undefined {
  switch (s.type) {
    case 'Block': return compileBlock(s.body, env);
    case 'Call': { const c = compileCall(s, env); return (f) => andThen(c(f), (code) => codeFlow(f, code)); }
    case 'RouteCall': { const c = compileRouteCall(s, env); return (f) => andThen(c(f), (code) => codeFlow(f, code)); }
    case 'Assign': return compileAssign(s, env);
    case 'If': return compileIf(s, env);
    case 'Switch': return compileSwitch(s, env, (b) => compileBody(b, env));
    case 'While': return compileWhile(s, compileBlock([s.body], env), env);
    case 'ForEach': return compileForEach(s, compileBlock([s.body], env), env);
    case 'Break': return () => BREAK;
    case 'Exit': return () => EXIT;
    case 'Drop': return (f) => { f.ctx.dropped = true; return EXIT; };
    case 'Return': return compileReturn(s, env);
    case 'Empty': case 'Include': return undefined;
    // Refused by the link passes or the syntax passes; never reached in a linked script.
    case 'Async': case 'Launch': case 'Assert': case 'BadStatement': return undefined;
  }
}

function compileIf(s: ast.If, env: CEnv): Exec {
  const test = compileCond(s.test, env);
  const yes = compileBlock([s.then], env);
  const no = s.else ? compileBlock([s.else], env) : undefined;
  const at = where(s.loc);
  return (f) => andThen(test(f), (c) => {
    if (c === STOP) return EXIT;
    if (c === TRUE) return yes(f);
    if (c === ERROR) f.ctx.core.log.log(LogLevel.WARN, 'core', `error in expression at ${at}`);
    if (no) return no(f);
    f.ctx.rc = 0;
    f.last = 1;
    return NEXT;
  });
}

/** `return`, `return N`, `return $var(x)`, `return(N, v...)` (4.3). */
function compileReturn(s: ast.Return, env: CEnv): Exec {
  const code = returnCode(s.code, env);
  const values = s.values.map((a) => (a === null ? () => null : argValue(a, env)));
  return (f) => {
    const n = code(f);
    f.ctx.returnValues = values.map((v) => v(f));
    f.ret = n;
    f.last = n;
    f.ctx.rc = n;
    return n === 0 ? EXIT : RETURN;
  };
}

function returnCode(a: ast.Arg | null, env: CEnv): (f: Frame) => number {
  if (a === null) return () => 1;
  switch (a.type) {
    case 'Number': { const n = a.value; return () => n; }
    case 'Null': return () => -1;
    case 'String': case 'FoldedString': { const n = leadingInt(a.value); return () => n; }
    case 'PVar': {
      const acc = compilePVar(a, env);
      return (f) => { const v = acc.get(f); return v === null ? -1 : v.i ?? 1; };
    }
  }
}

function argValue(a: ast.Arg, env: CEnv): (f: Frame) => MaybeValue {
  switch (a.type) {
    case 'Number': { const v = int(a.value); return () => v; }
    case 'Null': return () => null;
    case 'String': case 'FoldedString': { const v = str(a.value); return () => v; }
    case 'PVar': { const acc = compilePVar(a, env); return (f) => { const v = acc.get(f); return v === null ? null : v.intFirst ? v : str(printed(v)); }; }
  }
}
