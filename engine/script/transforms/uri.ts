// The uri.* transformations (transformations.c, tr_eval_uri): parts of a SIP URI. A part
// that is absent reads as the empty string, as OpenSIPS's _tr_empty; a value that is not a
// URI makes the variable NULL.
import { parseUri, type SipUri } from '../../sip/index.js';
import { str, strInt, type MaybeValue } from '../value.js';
import { transform, type TransformDef } from './types.js';

const text = (v: NonNullable<MaybeValue>): string => v.s ?? String(v.i ?? '');

function parsed(v: MaybeValue): SipUri | undefined {
  if (v === null) return undefined;
  try {
    const u = parseUri(text(v).trim());
    return u.opaque === undefined ? u : undefined;
  } catch { return undefined; }
}

/** The text between the host part and the headers: "transport=tcp;lr". */
function paramsText(raw: string): string {
  const at = raw.indexOf('@');
  const from = raw.indexOf(';', at < 0 ? raw.indexOf(':') : at);
  if (from < 0) return '';
  const q = raw.indexOf('?', from);
  return raw.slice(from + 1, q < 0 ? raw.length : q);
}

function part(name: string, tier: 1 | 2, doc: string, get: (u: SipUri) => MaybeValue | string | undefined): TransformDef {
  return transform({
    name, args: [], tier, doc,
    apply: (v) => {
      const u = parsed(v);
      if (!u) return null;
      const r = get(u);
      return typeof r === 'string' ? str(r) : r === undefined ? str('') : r;
    },
  });
}

const paramValue = (u: SipUri, name: string) => { const p = u.param(name); return p === undefined ? undefined : p ?? ''; };

export const uriTransforms: readonly TransformDef[] = [
  part('uri.user', 1, 'user part', (u) => u.user),
  part('uri.host', 1, 'host part', (u) => u.host),
  part('uri.domain', 1, 'host part (same as uri.host)', (u) => u.host),
  part('uri.port', 1, 'port (empty when not written)', (u) => (u.port === undefined ? undefined : strInt(String(u.port), u.port))),
  part('uri.passwd', 2, 'password', (u) => u.password),
  part('uri.params', 1, 'the URI parameters as written, without the leading ;', (u) => paramsText(u.raw)),
  transform({
    name: 'uri.param', args: [{ kind: 'str' }], tier: 1, doc: 'value of the named URI parameter',
    apply: (v, [name]) => { const u = parsed(v); return u ? str(paramValue(u, String(name)) ?? '') : null; },
  }),
  part('uri.headers', 2, 'the URI headers (after ?)', (u) => { const q = u.raw.indexOf('?'); return q < 0 ? '' : u.raw.slice(q + 1); }),
  part('uri.transport', 2, 'transport parameter', (u) => paramValue(u, 'transport')),
  part('uri.ttl', 2, 'ttl parameter', (u) => paramValue(u, 'ttl')),
  part('uri.uparam', 2, 'user parameter (user=phone)', (u) => paramValue(u, 'user')),
  part('uri.maddr', 2, 'maddr parameter', (u) => paramValue(u, 'maddr')),
  part('uri.method', 2, 'method parameter', (u) => paramValue(u, 'method')),
  part('uri.lr', 2, 'lr parameter', (u) => paramValue(u, 'lr')),
  part('uri.r2', 2, 'r2 parameter', (u) => paramValue(u, 'r2')),
  part('uri.schema', 2, 'the scheme (sip, sips, tel)', (u) => u.scheme),
];
