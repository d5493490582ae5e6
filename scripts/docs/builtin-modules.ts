// Imports every built-in module definition, from the source tree or from dist/.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinModulesDir, resolveModule, validateModule, type AnyModule } from '../../engine/modules/index.js';

export interface BuiltinModule { readonly folder: string; readonly file: string; readonly def: AnyModule }

export async function loadBuiltinModules(dir = builtinModulesDir()): Promise<BuiltinModule[]> {
  const out: BuiltinModule[] = [];
  const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const folder of folders) {
    const found = resolveModule(folder, [], dir);
    if (!found) continue; // a folder without an index is not a module (shared helpers)
    const def = ((await import(pathToFileURL(found.file).href)) as { default?: unknown }).default;
    const problems = validateModule(def);
    if (problems.length) throw new Error(`${join(dir, folder)}: ${problems.join('; ')}`);
    out.push({ folder, file: found.file, def: def as AnyModule });
  }
  return out;
}
