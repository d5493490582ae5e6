// The AOR key of a URI (registrar reference 7.1 step 3; also the key pua_reginfo files NOTIFYed
// registrations under, so both agree): user part unescaped, `@host` added with
// use_domain, realm_prefix taken off the host, the host lower-cased (and the user too
// without case_sensitive), URI parameters dropped.
import { parseUri, unescapePercent } from '../sip/index.js';

export interface AorOptions {
  readonly useDomain: boolean;
  readonly caseSensitive: boolean;
  readonly realmPrefix: string;
  readonly maxUser: number;
  readonly maxHost: number;
  readonly maxAor: number;
}

/** The AOR, or an error text for a 400/500 reply. */
export function extractAor(uri: string, o: AorOptions): { aor: string } | { error: string; code: 400 | 500 } {
  let u;
  try {
    u = parseUri(uri);
  } catch {
    return { error: 'Bad AOR', code: 400 };
  }
  let user = u.user === undefined ? '' : unescapePercent(u.user);
  let host = u.host.toLowerCase();
  if (o.realmPrefix && host.startsWith(o.realmPrefix.toLowerCase()) && host.length > o.realmPrefix.length) host = host.slice(o.realmPrefix.length);
  if (!o.caseSensitive) user = user.toLowerCase();
  if (user.length > o.maxUser || host.length > o.maxHost) return { error: 'AOR too long', code: 500 };
  const aor = o.useDomain ? (user ? `${user}@${host}` : host) : user;
  if (!aor) return { error: 'Empty AOR', code: 400 };
  if (aor.length > o.maxAor) return { error: 'AOR too long', code: 500 };
  return { aor };
}
