// Picks the parameter set a request matches, as OpenSIPS's get_cmd_recipe (mi/mi.c):
// no params -> the empty set; positional -> the one set of that length (two is ambiguous);
// named -> the set of that length whose names are all present.
import type { MiCommand, MiParams } from './command.js';
import { JsonRpcCode, MiError } from './mi-error.js';

const invalid = (data: string): MiError => new MiError(JsonRpcCode.INVALID_PARAMS, 'Invalid params', data);

export function matchRecipe(cmd: MiCommand, params: unknown[] | Record<string, unknown> | undefined): { recipe: readonly string[]; named: MiParams } {
  if (params === undefined) {
    const r = cmd.recipes.find((x) => x.length === 0);
    if (!r) throw invalid('Too few or too many parameters');
    return { recipe: r, named: {} };
  }
  if (Array.isArray(params)) {
    const rs = cmd.recipes.filter((x) => x.length > 0 && x.length === params.length);
    if (rs.length > 1) throw invalid('Ambiguous call, use named parameters instead');
    if (rs.length === 0) throw invalid('Too few or too many parameters');
    const recipe = rs[0]!;
    return { recipe, named: Object.fromEntries(recipe.map((n, i) => [n, params[i]])) };
  }
  const given = Object.keys(params);
  let sameCount = false;
  for (const r of cmd.recipes) {
    if (r.length === 0 || r.length !== given.length) continue;
    sameCount = true;
    if (r.every((n) => Object.hasOwn(params, n))) return { recipe: r, named: params };
  }
  throw invalid(sameCount ? 'Named parameters do not match' : 'Too few or too many parameters');
}
