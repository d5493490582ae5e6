// ruri_has_param, ruri_add_param, ruri_del_param: the uri-parameters of the Request-URI as
// the script has it now ($ru after changes). Changes set the new Request-URI (ctx.newRuri),
// as a $ru assignment does.
import type { MessageContext } from '../../engine/core/message-context.js';
import { parseUri } from '../../engine/sip/index.js';

/** The Request-URI as the script has it now. */
const currentRuri = (ctx: MessageContext): string => ctx.newRuri ?? ctx.msg.ruri;

/** OpenSIPS: with a value, the parameter must carry exactly that value; without one, the
 *  parameter must be present *without* a value (`;lr`, not `;lr=on`). Names compare
 *  case-insensitively (RFC 3261 19.1.4). */
export function ruriHasParam(ctx: MessageContext, name: string, value?: string): number {
  let params: Record<string, string | null>;
  try {
    params = parseUri(currentRuri(ctx)).paramsUnescaped;
  } catch {
    return -1;
  }
  const v = params[name.toLowerCase()];
  if (v === undefined) return -1;
  if (value === undefined) return v === null ? 1 : -1;
  return v === value ? 1 : -1;
}

/** [start, end) of the `;params` section: after the host part, before `?headers`. */
function paramSection(uri: string): [number, number] {
  const q = uri.indexOf('?');
  const end = q < 0 ? uri.length : q;
  // A user part may hold ';' (sip:alice;x=1@host); the host part never holds '@'.
  const at = uri.lastIndexOf('@', end);
  const semi = uri.indexOf(';', at < 0 ? uri.indexOf(':') + 1 : at);
  return [semi < 0 || semi > end ? end : semi, end];
}

function setRuri(ctx: MessageContext, uri: string): number {
  try {
    parseUri(uri); // never leave a Request-URI we could not parse again
  } catch {
    return -1;
  }
  ctx.newRuri = uri;
  return 1;
}

/** Appends `;param` (param as `name` or `name=value`). */
export function ruriAddParam(ctx: MessageContext, param: string): number {
  if (param === '' || /[;?\s]/.test(param)) return -1;
  const uri = currentRuri(ctx);
  const [, end] = paramSection(uri);
  return setRuri(ctx, `${uri.slice(0, end)};${param}${uri.slice(end)}`);
}

/** Removes every `;name` / `;name=value`; -1 when there was none. */
export function ruriDelParam(ctx: MessageContext, name: string): number {
  const uri = currentRuri(ctx);
  const [start, end] = paramSection(uri);
  const wanted = name.toLowerCase();
  const kept = uri.slice(start, end).split(';').slice(1)
    .filter((p) => p.split('=')[0]!.trim().toLowerCase() !== wanted);
  const before = uri.slice(start, end).split(';').length - 1;
  if (kept.length === before) return -1;
  return setRuri(ctx, uri.slice(0, start) + kept.map((p) => ';' + p).join('') + uri.slice(end));
}
