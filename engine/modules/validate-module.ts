// Checks that an imported default export is a module definition before the engine relies on
// it. User modules are plain JavaScript, so the types of defineModule() do not protect us;
// each problem is returned as text for one located diagnostic.
import type { AnyModule } from './define-module.js';
import { ROUTE_TYPES } from './functions.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PARAM_KINDS = ['int', 'str', 'int|str'];
const ARG_KINDS = ['int', 'str', 'pvar', 'regex'];
const DEP_KINDS = ['abort', 'warn', 'optional'];

export function validateModule(def: unknown): string[] {
  if (!isObj(def)) return ['the default export is not a defineModule({...}) object'];
  const out: string[] = [];
  if (typeof def.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(def.name)) out.push("'name' must be an identifier string");
  for (const hook of ['init', 'childInit', 'destroy', 'api'] as const) {
    if (def[hook] !== undefined && typeof def[hook] !== 'function') out.push(`'${hook}' must be a function`);
  }
  for (const [key, check] of Object.entries(sections)) {
    const section = def[key];
    if (section === undefined) continue;
    if (!isObj(section)) { out.push(`'${key}' must be an object`); continue; }
    for (const [name, entry] of Object.entries(section)) {
      const why = check(entry);
      if (why) out.push(`${key}.${name}: ${why}`);
    }
  }
  return out;
}

const sections: Record<string, (v: unknown) => string | undefined> = {
  deps: (v) => {
    const kind = isObj(v) ? v.kind : v;
    if (!DEP_KINDS.includes(kind as string)) return "must be 'abort', 'warn' or 'optional'";
    if (isObj(v) && (!isObj(v.when) || typeof v.when.param !== 'string')) return "'when' must name a param";
    return undefined;
  },
  params: (v) => (isObj(v) && PARAM_KINDS.includes(v.kind as string) && typeof v.doc === 'string'
    ? undefined : 'must be param.int/str({...}) with a doc'),
  functions: (v) => {
    if (!isObj(v) || typeof v.run !== 'function' || !Array.isArray(v.args)) return 'must be fn({ args, routes, run, doc })';
    if (v.args.some((a) => !isObj(a) || !ARG_KINDS.includes(a.kind as string))) return 'has an argument of unknown kind';
    if (v.routes !== 'all' && (!Array.isArray(v.routes) || v.routes.some((r) => !(ROUTE_TYPES as readonly unknown[]).includes(r)))) {
      return `'routes' must be 'all' or a list of ${ROUTE_TYPES.join(', ')}`;
    }
    return undefined;
  },
  mi: (v) => (isObj(v) && typeof v.handler === 'function' ? undefined : 'must have a handler'),
  stats: (v) => (isObj(v) && ['counter', 'gauge', 'computed'].includes(v.kind as string) ? undefined : 'must be stat.counter/gauge/computed'),
  pvars: (v) => (isObj(v) ? undefined : 'must be an object'),
};

export const asModule = (def: unknown): AnyModule => def as AnyModule;
