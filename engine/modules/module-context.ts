// Builds the context a module's init/childInit receives: its params, its statistics, and
// `api()` reading the APIs of modules initialised before it (dependency order guarantees a
// present dependency is already there).
import type { AnyModule, EngineServices, ModuleContext } from './define-module.js';
import type { Stat } from '../stats/stat.js';
import type { ResolvedParams } from './resolve-params.js';
import { ModuleError } from './error-codes.js';

export function createModuleContext(
  def: AnyModule, params: ResolvedParams, stats: Record<string, Stat>,
  apis: ReadonlyMap<string, unknown>, services: EngineServices,
): ModuleContext {
  return {
    name: def.name,
    params: params as ModuleContext['params'],
    stats,
    services,
    log: (level, message) => services.log.log(level, def.name, message),
    api: ((name: string) => {
      const kind = def.deps?.[name];
      if (apis.has(name)) return apis.get(name);
      // Only an unconditional hard dependency is promised by the types; anything else
      // may legitimately be absent.
      if (kind === 'abort') throw new ModuleError('TSIPS_MODULE_NO_API', def.name, `module '${def.name}' needs the API of '${name}', which exports none`);
      return undefined;
    }) as ModuleContext['api'],
  };
}
