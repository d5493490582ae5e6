// compileScript: turns a linked script into closures, once, at start-up (DESIGN.md "The
// script"). Every route body becomes one Exec; the server calls runRequest / runReply /
// runRoute per message. Named routes are compiled first into a table route() calls read.
import type { Route } from '../ast.js';
import type { RouteType } from '../../modules/functions.js';
import type { MessageContext } from '../../core/message-context.js';
import type { CompiledScript, CompileEnv, LinkedScript, TimerRoute } from '../compiled-script.js';
import { pvarTable } from '../pvars/index.js';
import { routeLabel } from '../link/route-table.js';
import type { CEnv, RouteBody } from './compile-env.js';
import { compileBlock } from './compile-statement.js';
import { EXIT, RETURN, andThen, type Frame, type Sync } from './flow.js';

const DEFAULT_MAX_WHILE_LOOPS = 10000;

export function compileScript(linked: LinkedScript, env: CompileEnv): CompiledScript {
  const modules = [...linked.modules.values()];
  const cenv: CEnv = {
    pvars: pvarTable(modules, env.moduleStates),
    functions: linked.functions,
    states: env.moduleStates,
    log: env.log,
    named: new Map(),
    maxWhileLoops: env.maxWhileLoops ?? DEFAULT_MAX_WHILE_LOOPS,
  };
  const body = (r: Route): RouteBody => ({ label: routeLabel(r), exec: compileBlock(r.body, cenv) });
  for (const [name, r] of linked.routes.named) cenv.named.set(name, body(r));
  const top = new Map<string, RouteBody>();
  const timers: TimerRoute[] = [];
  const events: string[] = [];
  for (const { route, type } of linked.routes.top) {
    top.set(key(type, route.name?.value), body(route));
    if (type === 'timer' && route.name) timers.push({ name: route.name.value, intervalSec: route.interval?.value ?? 0 });
    if (type === 'event' && route.name) events.push(route.name.value);
  }
  return createCompiledScript(top, timers, events);
}

// The main route is stored under the request type with no name.
const key = (type: RouteType, name: string | undefined) => (type === 'request' ? 'request' : `${type}:${name ?? ''}`);

/** Runs a top-level route on a new frame: the route's code (OpenSIPS rules, 4.3). */
function runTop(r: RouteBody, ctx: MessageContext): Sync<number> {
  const f: Frame = { ctx, depth: 0, ret: 1, last: 1 };
  ctx.params = [];
  return andThen(r.exec(f), (fl) => (fl === EXIT ? 0 : fl === RETURN ? f.ret : f.last));
}

function createCompiledScript(top: Map<string, RouteBody>, timers: TimerRoute[], events: string[]): CompiledScript {
  const done = (): void => undefined;
  const runVoid = (r: RouteBody | undefined, ctx: MessageContext): void | Promise<void> => {
    if (!r) return;
    const x = runTop(r, ctx);
    return x instanceof Promise ? x.then(done) : undefined;
  };
  return {
    runRequest: (ctx) => { ctx.routeType = 'request'; return runVoid(top.get('request'), ctx); },
    runReply: (ctx) => { ctx.routeType = 'onreply'; return runVoid(top.get('onreply:'), ctx); },
    runRoute(type, name, ctx) {
      const r = top.get(key(type, name));
      if (!r) return 1;
      ctx.routeType = type;
      return runTop(r, ctx);
    },
    hasRoute: (type, name) => top.has(key(type, name)),
    timers,
    events,
  };
}
