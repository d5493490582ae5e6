// After the whole script is read: final parameter values and the init order, with every
// problem (required params, missing dependencies, cycles) reported together.
import type { Diagnostics, Loc } from '../script/diagnostics.js';
import type { DepKind } from './define-module.js';
import type { LoadedModule } from './loaded-module.js';
import { resolveParams, type ResolvedParams } from './resolve-params.js';
import { dependencyOrder, effectiveDeps } from './dependency-order.js';

export interface PreparedModule {
  readonly name: string;
  readonly loc: Loc;
  readonly loaded: LoadedModule;
  readonly params: ResolvedParams;
  readonly deps: Readonly<Record<string, DepKind>>;
}

/** Modules in init order, or undefined when an error was reported. */
export function prepareModules(loaded: readonly LoadedModule[], out: Diagnostics): PreparedModule[] | undefined {
  const before = out.errorCount;
  const nodes = loaded.map((m): PreparedModule => {
    const params = resolveParams(m, out);
    return { name: m.name, loc: m.loc, loaded: m, params, deps: effectiveDeps(m.def.deps, params) };
  });
  const order = dependencyOrder(nodes, out);
  return order && out.errorCount === before ? order : undefined;
}
