// The parameter values a module's `init` sees: the last modparam value (or every value, for
// repeatable parameters), else the default. A required parameter left unset is reported at
// the loadmodule line, so `init` never checks it by hand.
import type { Diagnostics } from '../script/diagnostics.js';
import type { LoadedModule } from './loaded-module.js';
import type { ParamValue } from './params.js';

export type ResolvedParams = Readonly<Record<string, ParamValue | readonly ParamValue[] | undefined>>;

export function resolveParams(m: LoadedModule, out: Diagnostics): ResolvedParams {
  const params: Record<string, ParamValue | readonly ParamValue[] | undefined> = {};
  for (const [name, def] of Object.entries(m.def.params ?? {})) {
    const set = m.settings.get(name) ?? [];
    if (def.multi) {
      params[name] = set.length ? set.map((s) => s.value) : def.default !== undefined ? [def.default] : [];
    } else {
      params[name] = set.length ? set[set.length - 1]!.value : def.default;
    }
    if (def.required && set.length === 0) {
      out.error('TSIPS_MODPARAM_REQUIRED', m.loc, `module '${m.name}' needs parameter '${name}'`,
        `add modparam("${m.name}", "${name}", ${def.kind === 'int' ? '<number>' : '"<value>"'})`);
    }
  }
  return params;
}
