// add_rr_param(), check_route_param() and is_direction(): parameters we put in our
// Record-Route URI come back in the Route of later in-dialog requests.
import type { MessageContext } from '../../engine/core/message-context.js';
import { rrData } from './rr-data.js';

export function addRrParam(ctx: MessageContext, param: string): number {
  const p = param.startsWith(';') ? param : `;${param}`;
  const d = rrData(ctx);
  if (!d.recorded) {
    d.params.push(p); // record_route() later picks it up
    return 1;
  }
  // After record_route(): rewrite what it inserted; the URI's params sit before the '>'.
  const { line, values } = d.recorded;
  for (let i = 0; i < values.length; i++) {
    const next = values[i]!.replace(/>$/, `${p}>`);
    if (!ctx.editor.replaceInsertedHeader(line, 'Record-Route', values[i]!, next)) return -1;
    values[i] = next;
  }
  return 1;
}

/** The params of our Route (loose_route must have run), as ";a=b;c". */
export function routeParams(ctx: MessageContext): string | undefined {
  return rrData(ctx).routeParams;
}

export function checkRouteParam(ctx: MessageContext, re: RegExp): number {
  const p = routeParams(ctx);
  return p !== undefined && re.test(p) ? 1 : -1;
}

export function getRouteParam(ctx: MessageContext, name: string): string | null | undefined {
  const p = routeParams(ctx);
  if (p === undefined) return undefined;
  for (const part of p.split(';')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (k === name.toLowerCase()) return eq < 0 ? null : part.slice(eq + 1).trim();
  }
  return undefined;
}

/** downstream: the request goes the way the dialog's first request went (the From tag is
 *  the one we recorded); upstream: the other way. Needs loose_route() and append_fromtag. */
export function isDirection(ctx: MessageContext, dir: 'downstream' | 'upstream'): number {
  const ftag = getRouteParam(ctx, 'ftag');
  if (ftag === undefined || ftag === null) return -1;
  const down = ctx.msg.from?.tag === ftag;
  return (dir === 'downstream') === down ? 1 : -1;
}
