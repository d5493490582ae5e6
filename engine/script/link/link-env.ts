// What the linker checks a script against: the functions (core + loaded modules), the
// pseudo-variable table, the transformations, and the script's own routes.
import type { FnDef } from '../../modules/functions.js';
import type { LoadedModule } from '../../modules/loaded-module.js';
import { coreFunctions } from '../../core/functions/index.js';
import { pvarTable, type PvarSpec } from '../pvars/index.js';
import type { RouteTable } from './route-table.js';

export interface FunctionEntry {
  readonly name: string;
  readonly def: FnDef<any>;
  /** The exporting module; undefined for a core function. */
  readonly module: string | undefined;
}

export interface LinkEnv {
  readonly functions: ReadonlyMap<string, FunctionEntry>;
  readonly pvars: ReadonlyMap<string, PvarSpec>;
  readonly routes: RouteTable;
}

export function buildFunctionTable(modules: readonly LoadedModule[]): Map<string, FunctionEntry> {
  const table = new Map<string, FunctionEntry>();
  for (const [name, def] of coreFunctions) table.set(name, { name, def, module: undefined });
  for (const m of modules) {
    for (const [name, def] of Object.entries(m.def.functions ?? {})) table.set(name, { name, def, module: m.name });
  }
  return table;
}

export function buildLinkEnv(modules: readonly LoadedModule[], routes: RouteTable): LinkEnv {
  return { functions: buildFunctionTable(modules), pvars: pvarTable(modules), routes };
}

// Functions of the modules tsips ships or plans, so an unknown name can say which
// loadmodule is missing (script-language.md 9.2).
export const KNOWN_MODULE_FUNCTIONS: Record<string, string> = {
  send_reply: 'signaling', sl_send_reply: 'sl', sl_reply_error: 'sl', is_method: 'sipmsgops', has_totag: 'sipmsgops',
  append_hf: 'sipmsgops', insert_hf: 'sipmsgops', remove_hf: 'sipmsgops', is_present_hf: 'sipmsgops', has_body: 'sipmsgops',
  mf_process_maxfwd_header: 'maxfwd', is_maxfwd_lt: 'maxfwd', t_relay: 'tm', t_reply: 'tm', t_newtran: 'tm',
  t_check_trans: 'tm', t_on_failure: 'tm', t_on_reply: 'tm', t_on_branch: 'tm', t_check_status: 'tm',
  t_was_cancelled: 'tm', save: 'registrar', lookup: 'registrar', is_registered: 'registrar', ul_add_key: 'usrloc',
  reginfo_subscribe: 'pua_reginfo', reginfo_update: 'pua_reginfo', reginfo_handle_notify: 'pua_reginfo',
  handle_publish: 'presence', handle_subscribe: 'presence', loose_route: 'rr', record_route: 'rr',
};
