// Checks route-type permissions by real callers (DECISIONS.md): each top-level block is
// walked with its type, following static route(NAME) calls into sub-routes, and a function
// not allowed in that type is reported at the call with the route stack that reached it.
// Each call is reported once per route type; a sub-route is walked once per type.
import type * as ast from '../ast.js';
import type { RouteType } from '../../modules/functions.js';
import type { Diagnostics } from '../diagnostics.js';
import { forEachNode } from '../../config/walk-nodes.js';
import type { LinkEnv } from './link-env.js';
import { ROUTE_TYPE_LABEL, routeLabel } from './route-table.js';

export function reportRouteTypes(env: LinkEnv, out: Diagnostics): void {
  const reportedByType = new Map<RouteType, Set<ast.Call>>();
  for (const { route, type } of env.routes.top) {
    const walked = new Set<ast.Route>();
    const reported = reportedByType.get(type) ?? new Set<ast.Call>();
    reportedByType.set(type, reported);
    walk(route, [routeLabel(route)]);

    function walk(r: ast.Route, stack: string[]): void {
      walked.add(r);
      forEachNode(r.body, (n) => {
        if (n.type === 'Call') check(n, stack);
        else if (n.type === 'RouteCall' && n.target.type === 'RouteName') {
          const sub = env.routes.named.get(n.target.value);
          if (sub && !walked.has(sub)) walk(sub, [...stack, routeLabel(sub)]);
        }
      });
    }

    function check(c: ast.Call, stack: string[]): void {
      const f = env.functions.get(c.name);
      if (!f || f.def.routes === 'all' || f.def.routes.includes(type) || reported.has(c)) return;
      reported.add(c);
      const via = stack.length > 1 ? ` (called via ${stack.join(' -> ')})` : '';
      out.error('TSIPS_LINK_ROUTE_TYPE', c.nameLoc, `${c.name}() cannot be used in ${ROUTE_TYPE_LABEL[type as RouteType]}${via}`,
        `${c.name}() is allowed in: ${(f.def.routes as readonly RouteType[]).map((t) => ROUTE_TYPE_LABEL[t]).join(', ')}`);
    }
  }
}
