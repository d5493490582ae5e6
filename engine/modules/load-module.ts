// Executes one `loadmodule`: resolve through mpath and the built-ins, import, check the
// definition. Problems become located diagnostics at the loadmodule line.
import { pathToFileURL } from 'node:url';
import type { Diagnostics, Loc } from '../script/diagnostics.js';
import type { LoadedModule } from './loaded-module.js';
import { resolveModule, moduleNameOf } from './resolve-module.js';
import { validateModule, asModule } from './validate-module.js';

export interface LoadRequest {
  /** As written: `usrloc.so`, `usrloc`, `/abs/path/usrloc.so`, `sub/usrloc.so`. */
  readonly spec: string;
  readonly loc: Loc;
  /** The mpath folders in force at this line (mpath only affects later loadmodule lines). */
  readonly mpaths: readonly string[];
}

export async function loadModule(
  req: LoadRequest, builtinDir: string, loaded: readonly LoadedModule[], out: Diagnostics,
): Promise<LoadedModule | undefined> {
  const name = moduleNameOf(req.spec);
  if (loaded.some((m) => m.name === name)) {
    out.error('TSIPS_MODULE_DUPLICATE', req.loc, `module '${name}' is already loaded`, 'remove this loadmodule line');
    return undefined;
  }
  const found = resolveModule(req.spec, req.mpaths, builtinDir);
  if (!found) {
    const where = req.mpaths.length ? `mpath (${req.mpaths.join(', ')}) or ` : '';
    out.error('TSIPS_MODULE_NOT_FOUND', req.loc, `unknown module '${name}': not found in ${where}the built-in modules`);
    return undefined;
  }
  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(found.file).href)) as { default?: unknown }).default;
  } catch (e) {
    out.error('TSIPS_MODULE_INVALID', req.loc, `module '${name}' (${found.file}) failed to load: ${(e as Error).message}`);
    return undefined;
  }
  const problems = validateModule(exported);
  if (problems.length) {
    out.error('TSIPS_MODULE_INVALID', req.loc, `module '${name}' (${found.file}) is not a valid module: ${problems.join('; ')}`,
      'export default defineModule({ name, params, functions, ... })');
    return undefined;
  }
  const def = asModule(exported);
  if (def.name !== found.name) {
    out.error('TSIPS_MODULE_NAME_MISMATCH', req.loc,
      `module at ${found.file} is named '${def.name}', but was loaded as '${found.name}'`,
      `rename the folder or set name: '${found.name}'`);
    return undefined;
  }
  return { name: def.name, def, file: found.file, builtin: found.builtin, loc: req.loc, settings: new Map() };
}
