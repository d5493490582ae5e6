// rr's API for other modules (OpenSIPS load_rr_api): dialog-aware modules read and add the
// parameters of our Record-Route / Route.
import type { MessageContext } from '../../engine/core/message-context.js';

export interface RrApi {
  addRrParam(ctx: MessageContext, param: string): number;
  checkRouteParam(ctx: MessageContext, re: RegExp): number;
  isDirection(ctx: MessageContext, dir: 'downstream' | 'upstream'): number;
  /** A parameter of the Route loose_route() consumed: null without value, undefined absent. */
  getRouteParam(ctx: MessageContext, name: string): string | null | undefined;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { rr: RrApi }
}
