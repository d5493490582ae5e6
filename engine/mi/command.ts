// An MI command as the core and modules declare it (OpenSIPS mi_export_t). A command has one
// or more accepted parameter sets ("recipes"): a request is matched to the set whose names
// it carries (named params) or whose length it has (positional params), as mi/mi.c does.
import { badParam } from './mi-error.js';

export interface MiParamDecl { readonly name: string; readonly optional?: boolean; readonly doc?: string }

/** Parameters by name, already mapped from positions when the request used an array. */
export type MiParams = Readonly<Record<string, unknown>>;

export interface MiCall {
  readonly command: string;
  /** The parameter set the request matched. */
  readonly recipe: readonly string[];
}

export type MiHandler = (params: MiParams, call: MiCall) => unknown;

export interface MiCommandDef {
  readonly name: string;
  readonly doc: string;
  /** Trailing optional params give one recipe per prefix: [a, b?, c?] -> [a], [a,b], [a,b,c]. */
  readonly params?: readonly MiParamDecl[];
  /** Explicit recipes, for commands whose sets are not prefixes of one list. */
  readonly recipes?: readonly (readonly string[])[];
  readonly handler: MiHandler;
}

/** A registered command: recipes worked out, owner known (for `which` and docs). */
export interface MiCommand extends MiCommandDef {
  readonly recipes: readonly (readonly string[])[];
  readonly module?: string;
}

export function recipesOf(def: Pick<MiCommandDef, 'params' | 'recipes'>): (readonly string[])[] {
  if (def.recipes) return def.recipes.map((r) => [...r]);
  const params = def.params ?? [];
  const firstOptional = params.findIndex((p) => p.optional);
  const required = firstOptional < 0 ? params.length : firstOptional;
  const out: string[][] = [];
  for (let n = required; n <= params.length; n++) out.push(params.slice(0, n).map((p) => p.name));
  return out;
}

// Typed readers for handlers, with OpenSIPS's errors (get_mi_string_param and friends).
export function miString(p: MiParams, name: string): string {
  const v = p[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw badParam(name);
}

/** OpenSIPS get_mi_int_param also accepts a string holding an integer. */
export function miInt(p: MiParams, name: string): number {
  const v = p[name];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return Number(v.trim());
  throw badParam(name);
}

/** An array of strings; a single string is taken as a one-item array (opensips-cli sends
 *  `get_statistics core:` that way). */
export function miStringArray(p: MiParams, name: string): string[] {
  const v = p[name];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) throw badParam(name);
  if (v.length === 0) throw badParam(name, 'Empty array for parameter');
  return v.map((x) => {
    if (typeof x !== 'string') throw badParam(name, 'Bad type for array item in parameter');
    return x;
  });
}
