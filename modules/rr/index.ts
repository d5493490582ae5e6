// rr: Record-Route and loose routing (OpenSIPS modules/rr; RFC 3261 16.4, 16.6 step 4,
// 16.12). Scripts record-route initial requests so in-dialog requests come back through the
// proxy, and send those along the route set with loose_route().
import { defineModule, fn, arg, param, type RouteType } from '../../engine/modules/index.js';
import { str } from '../../engine/script/value.js';
import { recordRoute, recordRoutePreset } from './record-route.js';
import { looseRoute } from './loose-route.js';
import { addRrParam, checkRouteParam, getRouteParam, isDirection, routeParams } from './rr-params.js';
import type { RrState } from './state.js';
import type { RrApi } from './api.js';

export type { RrApi } from './api.js';

const RR_ROUTES: RouteType[] = ['request'];
const PARAM_ROUTES: RouteType[] = ['request', 'branch', 'failure'];

export default defineModule({
  name: 'rr',
  doc: 'Record-Route and loose routing. `record_route()` puts this proxy into the route set of a dialog (with `lr` and the caller\'s From tag as `ftag`); `loose_route()` sends in-dialog requests along the route set, taking our own entries off, and handles strict routers on either side. With enable_double_rr, two entries are recorded when the request leaves on another transport than it came on; tsips decides that from the transport of $du or the Request-URI when record_route() runs (OpenSIPS decides when the request is sent), so set $du first when it changes the transport.',
  params: {
    append_fromtag: param.int({ default: 1, oneOf: [0, 1], doc: 'Add the From tag (`ftag`) to our Record-Route URI; is_direction() needs it.' }),
    enable_double_rr: param.int({ default: 1, oneOf: [0, 1], doc: 'Record two entries when the request changes transport, and remove two of ours in loose_route().' }),
    add_username: param.int({ default: 0, oneOf: [0, 1], doc: 'Put the Request-URI user into our Record-Route URI.' }),
    enable_socket_mismatch_warning: param.int({ default: 1, oneOf: [0, 1], doc: 'Accepted for compatibility; tsips does not warn.' }),
  },
  functions: {
    record_route: fn({
      args: [arg.str({ optional: true, doc: 'params: extra URI parameters, e.g. ";nat=yes"' })],
      routes: RR_ROUTES,
      run: (ctx, st: RrState, params) => recordRoute(st, ctx, params),
      doc: 'Adds our Record-Route on top of the list: `<sip:ADDR:PORT;lr;ftag=TAG>` with the address of the socket the request came in on (its advertised address if set), `;transport=` when not UDP, parameters queued by add_rr_param() and the optional ones given here. -1 when the request already has ours.',
    }),
    record_route_preset: fn({
      args: [arg.str({ doc: 'address: host[:port][;params] or a SIP URI' }), arg.str({ optional: true, doc: 'address2: the second entry for double record-routing' })],
      routes: RR_ROUTES,
      run: (ctx, st: RrState, a, b) => recordRoutePreset(st, ctx, a, b),
      doc: 'Like record_route() with a given address (e.g. a public address in front of NAT); with two, both entries are added, the second on top.',
    }),
    loose_route: fn({
      args: [],
      routes: RR_ROUTES,
      run: (ctx, st: RrState) => looseRoute(st, ctx),
      doc: 'Routes by the Route headers: our entries are removed; the next one becomes $du (loose router) or the Request-URI (strict router). Returns 1 when the request had a route set (also when it only named us: then it goes to its Request-URI), -1 when it had none.',
    }),
    add_rr_param: fn({
      args: [arg.str({ doc: 'param: ";name=value" added to our Record-Route URI' })],
      routes: PARAM_ROUTES,
      run: (ctx, _st: RrState, p) => addRrParam(ctx, p),
      doc: 'Adds a parameter to our Record-Route URI, before or after record_route().',
    }),
    check_route_param: fn({
      args: [arg.regex({ doc: 're: matched against the parameters of our Route, e.g. ";nat=yes"' })],
      routes: PARAM_ROUTES,
      run: (ctx, _st: RrState, re) => checkRouteParam(ctx, re),
      doc: 'True when the parameters of the Route loose_route() consumed match. Call it after loose_route().',
    }),
    is_direction: fn({
      args: [arg.str({ static: true, doc: 'dir: "downstream" (caller to callee) or "upstream"' })],
      routes: PARAM_ROUTES,
      fixup: ([d]) => (d !== undefined && d !== 'downstream' && d !== 'upstream' ? { arg: 0, message: `expected "downstream" or "upstream", got "${d}"` } : undefined),
      run: (ctx, _st: RrState, dir) => isDirection(ctx, dir as 'downstream' | 'upstream'),
      doc: 'Compares the From tag with the `ftag` of our Route: downstream when equal (the request goes the way the dialog started). Needs loose_route() before and append_fromtag.',
    }),
  },
  pvars: {
    rr_params: {
      doc: 'The parameters of the Route loose_route() consumed (";a=b;c"); NULL before loose_route().',
      get: (ctx) => {
        const p = routeParams(ctx);
        return p === undefined ? null : str(p);
      },
    },
  },
  init: (ctx): RrState => ({
    appendFromtag: ctx.params.append_fromtag === 1,
    doubleRr: ctx.params.enable_double_rr === 1,
    addUsername: ctx.params.add_username === 1,
  }),
  api: (): RrApi => ({ addRrParam, checkRouteParam, isDirection, getRouteParam }),
});
