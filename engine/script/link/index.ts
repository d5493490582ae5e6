// linkScript: checks a parsed script against the loaded modules in small passes (one per
// file) and reports every problem together; returns the linked script only when no error
// was found. The server prints what `out` collected.
import type { Script } from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import type { LoadedModule } from '../../modules/loaded-module.js';
import type { LinkedScript } from '../compiled-script.js';
import { buildLinkEnv } from './link-env.js';
import { buildRouteTable } from './route-table.js';
import { routesOf } from './walk-routes.js';
import { reportRoutes } from './report-routes.js';
import { reportUnknownFunction } from './report-unknown-function.js';
import { reportArguments } from './report-arguments.js';
import { reportRouteTypes } from './report-route-types.js';
import { reportPVars } from './report-pvars.js';
import { reportUnsupported } from './report-unsupported.js';

export { routeTypeOf, isMainRoute, routeLabel, buildRouteTable, type RouteTable } from './route-table.js';
export { buildFunctionTable, type FunctionEntry } from './link-env.js';
export { parseStringTemplate } from './templates.js';

export function linkScript(script: Script, modules: readonly LoadedModule[], out: Diagnostics): LinkedScript | undefined {
  const errorsBefore = out.errorCount;
  const routes = buildRouteTable(routesOf(script));
  const env = buildLinkEnv(modules, routes);
  reportRoutes(script, env, out);
  reportUnknownFunction(script, env, out);
  reportArguments(script, env, out);
  reportRouteTypes(env, out);
  reportPVars(script, env, out);
  reportUnsupported(script, out);
  if (out.errorCount > errorsBefore) return undefined;
  return { script, modules: new Map(modules.map((m) => [m.name, m])), functions: env.functions, routes };
}
