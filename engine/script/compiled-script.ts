// The contract between the script front end (link + compile, engine/script) and the server
// that runs it (engine/core/server). The server loads the modules the script names, asks
// `linkScript` to check every call, variable and route against them (all errors together,
// located), initialises the modules, then asks `compileScript` for closures it calls once
// per message. Implemented in engine/script/link and engine/script/compile; re-exported by
// engine/script/index.ts.
import type { Script } from './ast.js';
import type { Diagnostics } from './diagnostics.js';
import type { LoadedModule } from '../modules/loaded-module.js';
import type { RouteType } from '../modules/functions.js';
import type { MessageContext } from '../core/message-context.js';
import type { Logger } from '../core/log.js';
import type { FunctionEntry } from './link/link-env.js';
import type { RouteTable } from './link/route-table.js';

/** What linking produced: every call bound to its function definition, every variable to its
 *  accessor spec, every route call to its route. Opaque to the server. */
export interface LinkedScript {
  readonly script: Script;
  /** The modules the script was linked against, by name. */
  readonly modules: ReadonlyMap<string, LoadedModule>;
  /** Every callable function (core and modules) the calls were checked against. */
  readonly functions: ReadonlyMap<string, FunctionEntry>;
  /** The route blocks by type and name (first definitions). */
  readonly routes: RouteTable;
}

/** linkScript(script, modules, out): undefined when an error was reported to `out`. */
export type LinkScript = (script: Script, modules: readonly LoadedModule[], out: Diagnostics) => LinkedScript | undefined;

export interface CompileEnv {
  /** Each initialised module's state (what its init returned), by module name. */
  readonly moduleStates: ReadonlyMap<string, unknown>;
  readonly log: Logger;
  /** The `max_while_loops` global; 10000 when absent. */
  readonly maxWhileLoops?: number;
}

export type CompileScript = (linked: LinkedScript, env: CompileEnv) => CompiledScript;

export interface TimerRoute { readonly name: string; readonly intervalSec: number }

export interface CompiledScript {
  /** The main request route. Synchronous unless a called function returned a promise. */
  runRequest(ctx: MessageContext): void | Promise<void>;
  /** The global `onreply_route` (no name), for every received reply; does nothing if absent.
   *  `ctx.dropped` tells whether the script dropped it. */
  runReply(ctx: MessageContext): void | Promise<void>;
  /** A top-level route of another type: failure/onreply/branch by name, local/startup/error
   *  without one, timer/event by name. Returns the route's return code (OpenSIPS rules);
   *  1 when the route does not exist. */
  runRoute(type: RouteType, name: string | undefined, ctx: MessageContext): number | Promise<number>;
  hasRoute(type: RouteType, name?: string): boolean;
  readonly timers: readonly TimerRoute[];
  /** event_route names, for modules that raise events (E_UL_CONTACT_INSERT ...). */
  readonly events: readonly string[];
}
