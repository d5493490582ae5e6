// route(NAME[, args...]): runs a named route with $param(1..n) set to the arguments and
// gives its value (section 5.8). A route that ended the script (exit, drop, return 0)
// gives 0, which stops the caller too. Static targets were checked at link time; a
// formatted or variable target is looked up per call.
import type * as ast from '../ast.js';
import { LogLevel } from '../../core/log.js';
import { int, printed, str, type MaybeValue } from '../value.js';
import { MAX_ROUTE_DEPTH, where, type CEnv, type RouteBody } from './compile-env.js';
import { compilePVar } from './compile-pvar.js';
import { compileTemplate } from './compile-template.js';
import { EXIT, RETURN, andThen, type Frame, type Sync } from './flow.js';

export function compileRouteCall(rc: ast.RouteCall, env: CEnv): (f: Frame) => Sync<number> {
  const target = compileTarget(rc, env);
  const args = rc.args.map((a): ((f: Frame) => MaybeValue) => {
    switch (a.type) {
      // String arguments are not formatted: route(x, "$ru") passes the three characters.
      case 'String': case 'FoldedString': { const v = str(a.value); return () => v; }
      case 'Number': { const v = int(a.value); return () => v; }
      case 'Null': return () => null;
      case 'PVar': { const acc = compilePVar(a, env); return (f) => acc.get(f); }
    }
  });
  const at = where(rc.loc);
  return (f) => {
    const { ctx } = f;
    const body = target(f);
    if (!body) return (ctx.rc = -1);
    if (f.depth >= MAX_ROUTE_DEPTH) {
      ctx.core.log.log(LogLevel.ERR, 'core', `route recursion limit reached (${MAX_ROUTE_DEPTH}) at ${at}`);
      return (ctx.rc = -1);
    }
    const params = args.map((a) => a(f));
    const saved = ctx.params;
    ctx.params = params;
    const sub: Frame = { ctx, depth: f.depth + 1, ret: 1, last: 1 };
    return andThen(body.exec(sub), (flow) => {
      ctx.params = saved;
      return (ctx.rc = flow === EXIT ? 0 : flow === RETURN ? sub.ret : sub.last);
    });
  };
}

function compileTarget(rc: ast.RouteCall, env: CEnv): (f: Frame) => RouteBody | undefined {
  const t = rc.target;
  const lookup = (f: Frame, name: string) => {
    const body = env.named.get(name);
    if (!body) f.ctx.core.log.log(LogLevel.ERR, 'core', `unknown route(${name}) at ${where(rc.loc)}`);
    return body;
  };
  if (t.type === 'PVar') {
    const acc = compilePVar(t, env);
    return (f) => lookup(f, printed(acc.get(f)));
  }
  const name = t.form === 'string' ? compileTemplate(t, env) : t.value;
  if (typeof name !== 'string') return (f) => lookup(f, name(f));
  // Looked up at call time: the named routes are compiled after the routes that call them.
  let body: RouteBody | undefined;
  return (f) => (body ??= lookup(f, name));
}
