// Executes one `modparam("module", "param", value)` with OpenSIPS's semantics
// (script-language.md section 3.3): the module argument is a case-insensitive regular
// expression matched as ^(module)$ against loaded module names, every matching module must
// have the parameter, and values are typed with no conversion: modparam("tm",
// "fr_timeout", "5") is an error in OpenSIPS and here. DECISIONS.md's "quoted integer is
// converted" rule is about script function arguments (send_reply("202", ...)), which the
// linker handles; no documented snippet passes a quoted number to a modparam.
import type { Diagnostics, Loc } from '../script/diagnostics.js';
import type { LoadedModule } from './loaded-module.js';
import type { ParamDef, ParamValue } from './params.js';
import { closest } from './closest-name.js';

export function applyModparam(
  modules: readonly LoadedModule[], moduleName: string, param: string, value: ParamValue, loc: Loc, out: Diagnostics,
): void {
  let re: RegExp;
  try {
    re = new RegExp(`^(${moduleName})$`, 'i');
  } catch (e) {
    out.error('TSIPS_MODPARAM_BAD_MODULE_REGEX', loc, `bad module name regex '${moduleName}': ${(e as Error).message}`);
    return;
  }
  const targets = modules.filter((m) => re.test(m.name));
  if (targets.length === 0) {
    out.error('TSIPS_MODPARAM_NO_MODULE', loc, `no module matching '${moduleName}' is loaded`,
      `modparam must come after loadmodule "${moduleName}.so"`);
    return;
  }
  // Check every target before setting any, so one bad match leaves nothing half-applied.
  let ok = true;
  for (const m of targets) {
    const def = m.def.params?.[param];
    if (!def) {
      const near = closest(param, Object.keys(m.def.params ?? {}));
      out.error('TSIPS_MODPARAM_UNKNOWN', loc, `parameter '${param}' not found in module '${m.name}'`,
        near ? `did you mean '${near}'?` : undefined);
      ok = false;
    } else if (!checkValue(m.name, param, def, value, loc, out)) ok = false;
  }
  if (!ok) return;
  for (const m of targets) {
    const def = m.def.params![param]!;
    const list = m.settings.get(param) ?? [];
    if (list.length && !def.multi) {
      out.warning('TSIPS_MODPARAM_REPEATED', loc, `parameter '${param}' of module '${m.name}' is set again; this value replaces the earlier one`);
    }
    m.settings.set(param, [...list, { value, loc }]);
  }
}

function checkValue(mod: string, param: string, def: ParamDef, value: ParamValue, loc: Loc, out: Diagnostics): boolean {
  const isNum = typeof value === 'number';
  if (def.kind === 'int' && !isNum) {
    out.error('TSIPS_MODPARAM_TYPE', loc, `type mismatch for parameter '${param}' in module '${mod}': expected an integer, got a string`,
      /^\s*[+-]?\d+\s*$/.test(value) ? `write ${value.trim()} without quotes` : undefined);
    return false;
  }
  if (def.kind === 'str' && isNum) {
    out.error('TSIPS_MODPARAM_TYPE', loc, `type mismatch for parameter '${param}' in module '${mod}': expected a string, got an integer`,
      `write "${value}" in quotes`);
    return false;
  }
  if (def.oneOf && !def.oneOf.includes(value)) {
    out.error('TSIPS_MODPARAM_VALUE', loc, `bad value ${JSON.stringify(value)} for parameter '${param}' in module '${mod}'`,
      `allowed: ${def.oneOf.map((v) => JSON.stringify(v)).join(', ')}`);
    return false;
  }
  if (isNum && ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max))) {
    const range = def.min !== undefined && def.max !== undefined ? `between ${def.min} and ${def.max}`
      : def.min !== undefined ? `at least ${def.min}` : `at most ${def.max}`;
    out.error('TSIPS_MODPARAM_VALUE', loc, `value ${value} for parameter '${param}' in module '${mod}' is out of range`, `must be ${range}`);
    return false;
  }
  return true;
}
