// The module contract (STYLE.md sections 2-4): one typed definition with named fields in
// place of OpenSIPS's 20 positional `module_exports` slots. Everything the engine needs to
// load, check, order, document and run a module is data here; state lives in what `init`
// returns and is handed back to `run`, MI handlers, `childInit` and `destroy`.
import type { ModuleApis } from './apis.js';
import type { ParamDefs, ParamValues, ParamValue } from './params.js';
import type { FnDef, MessageContext } from './functions.js';
import type { MaybeValue } from '../script/value.js';
import type { MiParamDecl, MiParams, MiCall } from '../mi/command.js';
import type { MiRegistry } from '../mi/registry.js';
import type { Stat, StatDefs } from '../stats/stat.js';
import type { StatsRegistry } from '../stats/registry.js';
import type { Logger } from '../core/log.js';
import type { MessageHooks } from './message-hooks.js';
import type { TimerService } from '../core/timers.js';
import type { RuntimeSlot } from './runtime-handle.js';

/** What a missing dependency means (OpenSIPS DEP_ABORT, DEP_WARN, DEP_SILENT). */
export type DepKind = 'abort' | 'warn' | 'optional';

/** A dependency that exists only for some parameter values (OpenSIPS modparam deps: usrloc
 *  needs a DB only when `db_mode` is not 0). Without `in`/`notIn` it applies when the
 *  parameter is set to a non-empty, non-zero value (e.g. a `db_url`). */
export interface ParamCondition {
  readonly param: string;
  readonly in?: readonly ParamValue[];
  readonly notIn?: readonly ParamValue[];
}
export type DepDef = DepKind | { readonly kind: DepKind; readonly when: ParamCondition; readonly doc?: string };
export type DepDefs = Readonly<Record<string, DepDef>>;

/** Only an unconditional 'abort' dependency is sure to be there. */
export type ApiOf<D extends DepDefs, K extends keyof D & keyof ModuleApis> =
  D[K] extends 'abort' ? ModuleApis[K] : ModuleApis[K] | undefined;

/** Engine services shared by every module: the runtime creates one of each per process. */
export interface EngineServices {
  readonly log: Logger;
  readonly mi: MiRegistry;
  readonly stats: StatsRegistry;
  /** Pre-script claims on received messages (sl's ACK absorption, tm's reply matching). */
  readonly hooks: MessageHooks;
  /** Time and ticks (engine/core/timers.ts); stopped by the server at shutdown. */
  readonly timers: TimerService;
  /** Sockets, sending and the compiled script, available once the server has compiled the
   *  script (after init, before childInit). */
  readonly runtime: RuntimeSlot;
}

/** What `init` and `childInit` get. */
export interface ModuleContext<D extends DepDefs = DepDefs, P extends ParamDefs = ParamDefs, T extends StatDefs = StatDefs> {
  readonly name: string;
  readonly params: ParamValues<P>;
  /** Another module's API; the declared dependency kind decides whether it may be undefined. */
  api<K extends keyof D & keyof ModuleApis>(name: K): ApiOf<D, K>;
  /** This module's statistics, registered as `<module>:<name>` before `init` runs. */
  readonly stats: { readonly [K in keyof T]: Stat };
  /** Logs with the module name as facility, at OpenSIPS levels (engine/core/log.ts). */
  log(level: number, message: string): void;
  readonly services: EngineServices;
}

/** An MI command a module exports; its name is the key in `mi`. */
export interface ModuleMiCommand<S = any> {
  readonly doc: string;
  readonly params?: readonly MiParamDecl[];
  readonly recipes?: readonly (readonly string[])[];
  readonly handler: (params: MiParams, st: S, call: MiCall) => unknown;
}

/** A pseudo-variable a module exports (e.g. tm's `$T_reply_code`). The script runtime
 *  (engine/script/pvars) calls `get`/`set` with the module's state; a variable without `get`
 *  reads as NULL. */
export interface PvarDecl<S = any> {
  readonly doc: string;
  readonly writable?: boolean;
  /** `$name(inner)` takes an inner name, e.g. `$T_branch_idx` does not, `$hdr(x)` does. */
  readonly hasName?: boolean;
  readonly get?: (ctx: MessageContext, st: S, inner: string | undefined) => MaybeValue;
  /** Returns false when the value cannot be written. */
  readonly set?: (ctx: MessageContext, st: S, inner: string | undefined, value: MaybeValue) => boolean;
}

type ApiFor<N extends string> = N extends keyof ModuleApis ? ModuleApis[N] : unknown;

export interface ModuleDefinition<
  N extends string = string,
  D extends DepDefs = DepDefs,
  P extends ParamDefs = ParamDefs,
  T extends StatDefs = StatDefs,
  S = any,
> {
  /** Must equal the folder name (a test checks every built-in). */
  readonly name: N;
  /** One paragraph for the generated docs. */
  readonly doc?: string;
  readonly deps?: D;
  readonly params?: P;
  readonly functions?: Readonly<Record<string, FnDef<any, S>>>;
  readonly mi?: Readonly<Record<string, ModuleMiCommand<S>>>;
  readonly stats?: T;
  readonly pvars?: Readonly<Record<string, PvarDecl<S>>>;
  /** The API other modules get from `ctx.api(name)`, built from the state. */
  readonly api?: (st: S) => ApiFor<N>;
  // Method syntax on purpose: parameters of methods are checked bivariantly, so a module with
  // its own params/deps types is still an AnyModule for the loader.
  init?(ctx: ModuleContext<D, P, T>): S | Promise<S>;
  /** Per worker (OpenSIPS child_init): in one process, the phase after every init and after
   *  listeners are bound. */
  childInit?(st: S, ctx: ModuleContext<D, P, T>): void | Promise<void>;
  readonly destroy?: (st: S) => void | Promise<void>;
}

/** Any module definition, as the loader and lifecycle handle them. */
export type AnyModule = ModuleDefinition<string, DepDefs, ParamDefs, StatDefs, any>;

export function defineModule<
  const N extends string,
  const D extends DepDefs = {},
  const P extends ParamDefs = {},
  const T extends StatDefs = {},
  S = undefined,
>(def: ModuleDefinition<N, D, P, T, S>): ModuleDefinition<N, D, P, T, S> {
  return def;
}

/** Declares a module MI command with the handler's state type tied to the module. */
export function miCommand<S = any>(c: ModuleMiCommand<S>): ModuleMiCommand<S> {
  return c;
}
