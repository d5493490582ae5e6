// while (with the max_while_loops guard, 5.4) and for-each over a `[*]` variable (5.5).
// Both run synchronously and move to an async loop only when a step returns a promise.
import type * as ast from '../ast.js';
import { LogLevel } from '../../core/log.js';
import { where, type CEnv } from './compile-env.js';
import { compilePVar } from './compile-pvar.js';
import { compileCond } from './compile-expr.js';
import { BREAK, EXIT, NEXT, STOP, TRUE, type Cond, type Exec, type Flow, type Frame, type Sync } from './flow.js';

/** One iteration: false = the loop is over (normally), a Flow = leave with it, true = go on. */
type Step = (f: Frame, n: number) => Sync<boolean | Flow>;

function loop(step: Step): Exec {
  const finish = (r: boolean | Flow): Flow | undefined =>
    r === true ? undefined : r === false || r === BREAK ? NEXT : (r as Flow);
  return (f) => {
    for (let n = 0; ; n++) {
      const r = step(f, n);
      if (r instanceof Promise) return r.then(async (first) => {
        let x: boolean | Flow = first;
        for (let k = n + 1; finish(x) === undefined; k++) x = await step(f, k);
        return finish(x)!;
      });
      const done = finish(r);
      if (done !== undefined) return done;
    }
  };
}

/** The body's flow as a step result: NEXT means go on. */
const afterBody = (fl: Flow): boolean | Flow => (fl === NEXT ? true : fl);

export function compileWhile(w: ast.While, body: Exec, env: CEnv): Exec {
  const test = compileCond(w.test, env);
  const at = where(w.loc);
  const max = env.maxWhileLoops;
  const afterTest = (f: Frame, n: number, c: Cond): Sync<boolean | Flow> => {
    if (c === STOP) return EXIT;
    if (c !== TRUE) { if (n === 0) { f.ctx.rc = 0; f.last = 1; } return false; }
    if (n >= max) {
      f.ctx.core.log.log(LogLevel.ERR, 'core', `max while loops reached (${max}), increase the 'max_while_loops' global! (at ${at})`);
      return false;
    }
    const r = body(f);
    return r instanceof Promise ? r.then(afterBody) : afterBody(r);
  };
  return loop((f, n) => {
    const c = test(f);
    return c instanceof Promise ? c.then((x) => afterTest(f, n, x)) : afterTest(f, n, c);
  });
}

export function compileForEach(fe: ast.ForEach, body: Exec, env: CEnv): Exec {
  const it = compilePVar(fe.variable, env);
  const list = compilePVar(fe.collection, env);
  const at = where(fe.loc);
  const max = env.maxWhileLoops;
  if (fe.collection.index?.value !== '*') {
    return (f) => { f.ctx.core.log.log(LogLevel.ERR, 'core', `for-each must be used on a "[*]" index! (at ${at})`); f.ctx.rc = -1; return NEXT; };
  }
  return loop((f, n) => {
    const v = n < max ? list.getAt(f, n) : null;
    if (v === null) return false;
    it.set(f, v, true);
    const r = body(f);
    return r instanceof Promise ? r.then(afterBody) : afterBody(r);
  });
}
