// Runs the module lifecycle (STYLE.md section 4): init in dependency order, each awaited with
// a timeout that names the module; then the per-worker phase; destroy in reverse order, where
// an error is logged and the next module is still destroyed (as OpenSIPS, and avvio's
// onClose). Timings are kept for `tsips -c -v`'s init tree.
import type { AnyModule, EngineServices, ModuleContext } from './define-module.js';
import type { PreparedModule } from './prepare-modules.js';
import type { Stat } from '../stats/stat.js';
import { createModuleContext } from './module-context.js';
import { ModuleError, type ModuleErrorCode } from './error-codes.js';
import { LogLevel } from '../core/log.js';

export type LifecyclePhase = 'init' | 'childInit' | 'destroy';
export interface ModuleTiming { readonly module: string; readonly phase: LifecyclePhase; readonly ms: number }

export interface RunningModule {
  readonly name: string;
  readonly def: AnyModule;
  readonly prepared: PreparedModule;
  readonly ctx: ModuleContext;
  readonly state: unknown;
}

/** The initialised modules of one process, in init order. */
export interface ModuleSet {
  readonly modules: readonly RunningModule[];
  readonly timings: ModuleTiming[];
  readonly services: EngineServices;
}

export interface LifecycleOptions {
  /** Per module and phase; default 10 s. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export async function initModules(prepared: readonly PreparedModule[], services: EngineServices, opts: LifecycleOptions = {}): Promise<ModuleSet> {
  const set: ModuleSet = { modules: [], timings: [], services };
  const running = set.modules as RunningModule[];
  const apis = new Map<string, unknown>();
  for (const p of prepared) {
    const def = p.loaded.def;
    try {
      const stats = declareStats(def, services, () => running.find((r) => r.name === def.name)?.state);
      const ctx = createModuleContext(def, p.params, stats, apis, services);
      const state = await timed(set, def.name, 'init', opts, 'TSIPS_MODULE_INIT_FAILED', 'TSIPS_MODULE_INIT_TIMEOUT',
        () => def.init?.(ctx));
      running.push({ name: def.name, def, prepared: p, ctx, state });
      if (def.api) apis.set(def.name, def.api(state));
      registerMi(def, state, services); // after init, as OpenSIPS registers a module's MI commands
    } catch (e) {
      // Modules already initialised get their destroy, like OpenSIPS on a failed start-up.
      await destroyModules(set, opts);
      throw e instanceof ModuleError ? e : new ModuleError('TSIPS_MODULE_INIT_FAILED', def.name, `module '${def.name}': ${(e as Error).message}`, { cause: e });
    }
  }
  return set;
}

export async function childInitModules(set: ModuleSet, opts: LifecycleOptions = {}): Promise<void> {
  for (const m of set.modules) {
    if (!m.def.childInit) continue;
    await timed(set, m.name, 'childInit', opts, 'TSIPS_MODULE_CHILD_INIT_FAILED', 'TSIPS_MODULE_CHILD_INIT_FAILED',
      () => m.def.childInit!(m.state, m.ctx));
  }
}

/** Destroys in reverse init order; returns the failures, which are also logged. */
export async function destroyModules(set: ModuleSet, opts: LifecycleOptions = {}): Promise<{ module: string; error: unknown }[]> {
  const failures: { module: string; error: unknown }[] = [];
  for (const m of [...set.modules].reverse()) {
    if (!m.def.destroy) continue;
    try {
      await timed(set, m.name, 'destroy', opts, 'TSIPS_MODULE_DESTROY_FAILED', 'TSIPS_MODULE_DESTROY_FAILED', () => m.def.destroy!(m.state));
    } catch (error) {
      failures.push({ module: m.name, error });
      set.services.log.log(LogLevel.ERR, 'core', `destroy of module '${m.name}' failed: ${(error as Error).message}`);
    }
  }
  (set.modules as RunningModule[]).length = 0; // destroyed modules are not destroyed twice
  return failures;
}

async function timed<R>(
  set: ModuleSet, module: string, phase: LifecyclePhase, opts: LifecycleOptions,
  failCode: ModuleErrorCode, timeoutCode: ModuleErrorCode, run: () => R | Promise<R>,
): Promise<R> {
  const ms = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ModuleError(timeoutCode, module,
      `module '${module}' ${phase} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } catch (e) {
    if (e instanceof ModuleError) throw e;
    throw new ModuleError(failCode, module, `module '${module}' ${phase} failed: ${(e as Error).message}`, { cause: e });
  } finally {
    clearTimeout(timer);
    set.timings.push({ module, phase, ms: performance.now() - start });
  }
}

function declareStats(def: AnyModule, services: EngineServices, state: () => unknown): Record<string, Stat> {
  const out: Record<string, Stat> = {};
  for (const [name, s] of Object.entries(def.stats ?? {})) {
    out[name] = services.stats.declare(def.name, name, s, s.read ? () => s.read!(state()) : undefined);
  }
  return out;
}

function registerMi(def: AnyModule, state: unknown, services: EngineServices): void {
  for (const [name, c] of Object.entries(def.mi ?? {})) {
    if (services.mi.lookup(name)) {
      throw new ModuleError('TSIPS_MODULE_MI_CONFLICT', def.name, `module '${def.name}' exports MI command '${name}', which is already registered`);
    }
    services.mi.register({ name, doc: c.doc, params: c.params, recipes: c.recipes, handler: (params, call) => c.handler(params, state, call) }, def.name);
  }
}
