// The pseudo-variable table: the core classes (by name and alias) plus the ones the loaded
// modules export. The linker checks names against it; the compiler binds accessors from it.
import type { LoadedModule } from '../../modules/loaded-module.js';
import type { PvarSpec } from './types.js';
import { ruriPvars } from './ruri-pvars.js';
import { messagePvars } from './message-pvars.js';
import { scriptPvars } from './script-pvars.js';
import { processPvars } from './process-pvars.js';

export { REMOVED_PVARS } from './removed-pvars.js';
export type { PvarSpec, PvIndex, SetHow } from './types.js';

// Long spellings OpenSIPS accepts for the same classes.
const ALIASES: Record<string, string> = {
  ruri: 'ru', 'ruri.user': 'rU', 'ruri.domain': 'rd', ouri: 'ou', duri: 'du', from: 'fu', 'from.user': 'fU',
  'from.domain': 'fd', to: 'tu', 'to.user': 'tU', 'to.domain': 'td', src_ip: 'si',
};

export const corePvars: ReadonlyMap<string, PvarSpec> = (() => {
  const m = new Map<string, PvarSpec>();
  for (const p of [...ruriPvars, ...messagePvars, ...scriptPvars, ...processPvars]) m.set(p.name, p);
  for (const [alias, target] of Object.entries(ALIASES)) m.set(alias, m.get(target)!);
  return m;
})();

/** Core plus module variables; `states` gives each module's state (absent while linking). */
export function pvarTable(modules: readonly LoadedModule[], states?: ReadonlyMap<string, unknown>): Map<string, PvarSpec> {
  const table = new Map(corePvars);
  for (const m of modules) {
    for (const [name, decl] of Object.entries(m.def.pvars ?? {})) {
      const st = () => states?.get(m.name);
      table.set(name, {
        name, doc: decl.doc, writable: decl.writable, inner: decl.hasName ? 'required' : 'none',
        get: (ctx, inner) => (decl.get ? decl.get(ctx, st(), inner) : null),
        set: decl.set ? (ctx, inner, v) => decl.set!(ctx, st(), inner, v) : undefined,
      });
    }
  }
  return table;
}
