// Init order from declared dependencies (OpenSIPS sr_module_deps.c): each module after the
// modules it depends on, otherwise in load order; destroy runs the list backwards. A missing
// 'abort' dependency is an error, a missing 'warn' one a warning, 'optional' is silent
// (DEP_ABORT / DEP_WARN / DEP_SILENT); a cycle is an error that prints the cycle.
import type { Diagnostics, Loc } from '../script/diagnostics.js';
import type { DepDefs, DepKind, ParamCondition } from './define-module.js';
import type { ResolvedParams } from './resolve-params.js';

export interface DepNode {
  readonly name: string;
  readonly loc: Loc;
  /** Dependencies that apply with this module's parameter values. */
  readonly deps: Readonly<Record<string, DepKind>>;
}

/** Drops the dependencies whose parameter condition does not hold. */
export function effectiveDeps(deps: DepDefs | undefined, params: ResolvedParams): Record<string, DepKind> {
  const out: Record<string, DepKind> = {};
  for (const [name, d] of Object.entries(deps ?? {})) {
    if (typeof d === 'string') out[name] = d;
    else if (conditionHolds(d.when, params)) out[name] = d.kind;
  }
  return out;
}

function conditionHolds(c: ParamCondition, params: ResolvedParams): boolean {
  const raw = params[c.param];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (c.in) return values.some((v) => c.in!.includes(v));
  if (c.notIn) return values.some((v) => !c.notIn!.includes(v));
  return values.some((v) => v !== '' && v !== 0);
}

/** The nodes in init order, or undefined after reporting a missing hard dependency or a cycle. */
export function dependencyOrder<T extends DepNode>(nodes: readonly T[], out: Diagnostics): T[] | undefined {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  let failed = false;
  for (const n of nodes) {
    for (const [dep, kind] of Object.entries(n.deps)) {
      if (byName.has(dep) || kind === 'optional') continue;
      const message = `module ${n.name} depends on ${dep}, but it was not loaded!`;
      if (kind === 'abort') { out.error('TSIPS_MODULE_DEPENDENCY_MISSING', n.loc, message, `add loadmodule "${dep}.so"`); failed = true; }
      else out.warning('TSIPS_MODULE_DEPENDENCY_MISSING', n.loc, message);
    }
  }

  const order: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: T): boolean => {
    const s = state.get(n.name);
    if (s === 'done') return true;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(n.name)), n.name];
      out.error('TSIPS_MODULE_DEPENDENCY_CYCLE', n.loc, `module dependency cycle: ${cycle.join(' -> ')}`,
        'make one of these dependencies optional or remove it');
      return false;
    }
    state.set(n.name, 'visiting');
    stack.push(n.name);
    for (const dep of Object.keys(n.deps)) {
      const d = byName.get(dep);
      if (d && !visit(d)) return false;
    }
    stack.pop();
    state.set(n.name, 'done');
    order.push(n);
    return true;
  };
  for (const n of nodes) if (!visit(n)) return undefined;
  return failed ? undefined : order;
}
