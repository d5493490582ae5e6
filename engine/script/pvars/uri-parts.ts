// Splitting and rebuilding a URI as text, for the R-URI writes ($rU = ..., sethost(),
// strip()) that must keep every other part exactly as written.
import { parseUri, type SipUri } from '../../sip/index.js';

export interface UriParts { scheme: string; user: string | undefined; password: string | undefined; host: string; port: string | undefined; rest: string }

/** `sip:alice:pw@host:5060;lr?h=v` -> parts; undefined when there is no scheme. */
export function splitUri(raw: string): UriParts | undefined {
  const colon = raw.indexOf(':');
  if (colon <= 0) return undefined;
  const after = raw.slice(colon + 1);
  const at = after.indexOf('@');
  let user: string | undefined;
  let password: string | undefined;
  let hp = after;
  if (at >= 0) {
    const info = after.slice(0, at);
    const pc = info.indexOf(':');
    user = pc < 0 ? info : info.slice(0, pc);
    password = pc < 0 ? undefined : info.slice(pc + 1);
    hp = after.slice(at + 1);
  }
  const restAt = hp.search(/[;?]/);
  const hostport = restAt < 0 ? hp : hp.slice(0, restAt);
  const rest = restAt < 0 ? '' : hp.slice(restAt);
  // An IPv6 reference keeps its brackets; the port is after the closing one.
  const close = hostport.lastIndexOf(']');
  const pc = hostport.indexOf(':', close < 0 ? 0 : close);
  return {
    scheme: raw.slice(0, colon), user, password,
    host: pc < 0 ? hostport : hostport.slice(0, pc), port: pc < 0 ? undefined : hostport.slice(pc + 1), rest,
  };
}

export function joinUri(p: UriParts): string {
  const info = p.user === undefined || p.user === '' ? '' : p.user + (p.password !== undefined ? ':' + p.password : '') + '@';
  return `${p.scheme}:${info}${p.host}${p.port !== undefined && p.port !== '' ? ':' + p.port : ''}${p.rest}`;
}

/** Parses without throwing: a malformed URI reads as absent. */
export function tryParseUri(raw: string | undefined): SipUri | undefined {
  if (!raw) return undefined;
  try { return parseUri(raw); } catch { return undefined; }
}
