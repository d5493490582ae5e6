// The script's route blocks by type and name, and how each is shown in messages. Named
// `route[x]` blocks have no type of their own: they run with their callers' (DECISIONS.md).
import type { Route, RouteKind } from '../ast.js';
import type { RouteType } from '../../modules/functions.js';

/** The route type of a top-level block; undefined for a named route[x] (a sub-route). */
export function routeTypeOf(r: Route): RouteType | undefined {
  switch (r.kind) {
    case 'route': return isMainRoute(r) ? 'request' : undefined;
    case 'failure_route': return 'failure';
    case 'onreply_route': case 'reply_route': return 'onreply';
    case 'branch_route': return 'branch';
    case 'local_route': return 'local';
    case 'startup_route': return 'startup';
    case 'timer_route': return 'timer';
    case 'event_route': return 'event';
    case 'error_route': return 'error';
  }
}

/** `route { }` and `route[0] { }` are the main request route. */
export const isMainRoute = (r: Route): boolean => r.kind === 'route' && (r.name === null || r.name.value === '0');

/** reply_route is onreply_route under another spelling. */
const canonicalKind = (k: RouteKind): RouteKind => (k === 'reply_route' ? 'onreply_route' : k);

/** The key two definitions of the same route share. */
export function routeKey(r: Route): string {
  if (isMainRoute(r)) return 'route';
  return `${canonicalKind(r.kind)}[${r.name?.value ?? ''}]`;
}

/** How a route is shown: `route[relay]`, `onreply_route`, `failure_route[missed]`. */
export function routeLabel(r: Route): string {
  if (isMainRoute(r)) return 'route';
  return r.name ? `${canonicalKind(r.kind)}[${r.name.value}]` : canonicalKind(r.kind);
}

/** The OpenSIPS name of a route type, for messages. */
export const ROUTE_TYPE_LABEL: Record<RouteType, string> = {
  request: 'request route', failure: 'failure_route', onreply: 'onreply_route', branch: 'branch_route', error: 'error_route',
  local: 'local_route', startup: 'startup_route', timer: 'timer_route', event: 'event_route',
};

export interface RouteTable {
  /** Named sub-routes route[x] by name (the main route is not here). */
  readonly named: ReadonlyMap<string, Route>;
  /** Top-level blocks with their type (the first definition when repeated). */
  readonly top: readonly { route: Route; type: RouteType }[];
}

export function buildRouteTable(routes: readonly Route[]): RouteTable {
  const named = new Map<string, Route>();
  const top: { route: Route; type: RouteType }[] = [];
  const seen = new Set<string>();
  for (const r of routes) {
    const key = routeKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    const type = routeTypeOf(r);
    if (type) top.push({ route: r, type });
    else named.set(r.name!.value, r);
  }
  return { named, top };
}

/** Names of the top-level blocks of one type (failure_route[x] -> "x"). */
export function routeNamesOf(t: RouteTable, type: RouteType): string[] {
  return t.top.filter((x) => x.type === type && x.route.name).map((x) => x.route.name!.value);
}
