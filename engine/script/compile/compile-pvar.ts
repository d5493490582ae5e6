// A pseudo-variable node -> an accessor bound once: the class spec, a constant or computed
// inner name and index, and the transformations with their parameters. Reading never
// fails the script: a getter or transformation error reads as NULL (7.1).
import type * as ast from '../ast.js';
import { printPVar } from '../print.js';
import { findTransform, type TransformDef } from '../transforms/index.js';
import { printed, type MaybeValue } from '../value.js';
import type { PvIndex, PvarSpec } from '../pvars/index.js';
import type { CEnv } from './compile-env.js';
import type { Frame } from './flow.js';

export interface PvAccessor {
  readonly text: string;
  readonly spec: PvarSpec;
  get(f: Frame): MaybeValue;
  /** Reads with another index (for-each walks [0], [1] ... of a `[*]` variable). */
  getAt(f: Frame, index: number): MaybeValue;
  /** `replaceAll` for `:=`; returns false when the class refused the value. */
  set(f: Frame, v: MaybeValue, replaceAll: boolean): boolean;
}

type Part<T> = (f: Frame) => T;

export function compilePVar(pv: ast.PVar, env: CEnv): PvAccessor {
  const spec = env.pvars.get(pv.name);
  if (!spec) throw new Error(`BUG: unlinked variable $${pv.name}`);
  const inner = innerOf(pv, env);
  const index = indexOf(pv, env);
  const trs = pv.transforms.map((t) => compileTransform(t, env));
  const text = printPVar(pv);
  const raw = (f: Frame): MaybeValue => {
    try { return spec.get(f.ctx, inner(f), index(f)); } catch { return null; }
  };
  const get = trs.length === 0 ? raw : (f: Frame) => {
    let v = raw(f);
    for (const t of trs) {
      try { v = t(f, v); } catch { v = null; }
      if (v === null) break;
    }
    return v;
  };
  return {
    text, spec, get,
    getAt: (f, k) => { try { return spec.get(f.ctx, inner(f), k); } catch { return null; } },
    set: (f, v, replaceAll) => (spec.set ? spec.set(f.ctx, inner(f), v, { replaceAll, index: index(f) }) : false),
  };
}

function innerOf(pv: ast.PVar, env: CEnv): Part<string | undefined> {
  const i = pv.inner;
  if (i === null) return () => undefined;
  if (i.type === 'PVarText') { const s = i.value; return () => s; }
  const acc = compilePVar(i, env);
  return (f) => { const v = acc.get(f); return v === null ? '' : printed(v); };
}

function indexOf(pv: ast.PVar, env: CEnv): Part<PvIndex> {
  const x = pv.index?.value;
  if (x === undefined) return () => undefined;
  if (typeof x !== 'object') return () => x;
  const acc = compilePVar(x, env);
  // A variable index must hold an integer; anything else reads nothing.
  return (f) => acc.get(f)?.i ?? Number.NaN;
}

function compileTransform(t: ast.Transform, env: CEnv): (f: Frame, v: MaybeValue) => MaybeValue {
  const def = findTransform(t.name) as TransformDef;
  const args = t.args.map((a, k): Part<string | number> => {
    const kind = def.args[k]?.kind ?? 'str';
    if (a.type === 'PVar') {
      const acc = compilePVar(a, env);
      return (f) => { const v = acc.get(f); return kind === 'int' ? v?.i ?? 0 : v === null ? '' : printed(v); };
    }
    const raw = a.value;
    const c = kind === 'int' ? Number.parseInt(raw.trim(), 10) || 0 : kind === 'char' ? raw.slice(0, 1) : raw.trimStart();
    return () => c;
  });
  if (args.length === 0) return (_f, v) => def.apply(v, []);
  return (f, v) => def.apply(v, args.map((a) => a(f)));
}
