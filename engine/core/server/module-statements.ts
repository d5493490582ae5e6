// Executes the script's module statements in script order, as OpenSIPS does while parsing
// (script-language.md section 3): `mpath` only affects the loadmodule lines after it, a
// modparam sees the modules loaded above it. Every problem is a located diagnostic.
import type { Script } from '../../script/ast.js';
import type { Diagnostics } from '../../script/diagnostics.js';
import { applyModparam, builtinModulesDir, loadModule, moduleNameOf, type LoadedModule } from '../../modules/index.js';

export async function loadScriptModules(script: Script, out: Diagnostics, builtinDir = builtinModulesDir()): Promise<LoadedModule[]> {
  const loaded: LoadedModule[] = [];
  const mpaths: string[] = [];
  // Names whose loadmodule failed: their modparams are not reported again ("no module
  // matching 'tm'" under "unknown module 'tm'" says nothing new).
  const failed: string[] = [];
  for (const item of script.items) {
    if (item.type === 'MPath') {
      // 3.5+: every mpath line adds folders, searched in order; a trailing '/' is implied.
      for (const p of item.paths) mpaths.push(p.value.endsWith('/') ? p.value : `${p.value}/`);
    } else if (item.type === 'LoadModule') {
      const m = await loadModule({ spec: item.path.value, loc: item.path.loc, mpaths: [...mpaths] }, builtinDir, loaded, out);
      if (m) loaded.push(m);
      else failed.push(moduleNameOf(item.path.value));
    } else if (item.type === 'ModParam') {
      if (onlyFailed(item.module.value, loaded, failed)) continue;
      applyModparam(loaded, item.module.value, item.param.value, item.value.value, item.loc, out);
    }
  }
  return loaded;
}

function onlyFailed(pattern: string, loaded: readonly LoadedModule[], failed: readonly string[]): boolean {
  let re: RegExp;
  try {
    re = new RegExp(`^(${pattern})$`, 'i');
  } catch {
    return false; // applyModparam reports the bad regex
  }
  return !loaded.some((m) => re.test(m.name)) && failed.some((n) => re.test(n));
}
