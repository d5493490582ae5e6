// Checks the route blocks themselves: a route defined twice (error at the second, with a
// note at the first), reply_route spelt for onreply_route (accepted with a warning,
// DECISIONS.md), and static route(NAME) calls to routes that do not exist.
import type * as ast from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import { closest } from '../../modules/closest-name.js';
import type { LinkEnv } from './link-env.js';
import { routeKey, routeLabel } from './route-table.js';
import { forEachRouteNode, routesOf } from './walk-routes.js';

export function reportRoutes(script: ast.Script, env: LinkEnv, out: Diagnostics): void {
  const first = new Map<string, ast.Route>();
  for (const r of routesOf(script)) {
    if (r.kind === 'reply_route') {
      const spelt = r.name ? `onreply_route[${r.name.value}]` : 'onreply_route';
      out.warning('TSIPS_LINK_REPLY_ROUTE_ALIAS', r.kindLoc, 'reply_route is accepted as onreply_route', `OpenSIPS spells it ${spelt}`);
    }
    const key = routeKey(r);
    const before = first.get(key);
    if (!before) { first.set(key, r); continue; }
    const label = routeLabel(r);
    out.list.push({
      code: 'TSIPS_LINK_DUPLICATE_ROUTE', severity: 'error', loc: r.name?.loc ?? r.kindLoc,
      message: label === 'route' ? 'a second main route is defined' : `${label} is defined twice`,
      notes: [{ message: 'first defined here', loc: before.name?.loc ?? before.kindLoc }],
    });
  }
  forEachRouteNode(script, (n) => {
    if (n.type !== 'RouteCall' || n.target.type !== 'RouteName') return;
    const name = n.target.value;
    if (n.target.form === 'string' && name.includes('$')) return; // formatted: resolved at run time
    if (env.routes.named.has(name)) return;
    const near = closest(name, [...env.routes.named.keys()]);
    out.error('TSIPS_LINK_UNDEFINED_ROUTE', n.target.loc, `route '${name}' is not defined`,
      near ? `did you mean '${near}'?` : `define it with route[${name}] { ... }`);
  });
}
