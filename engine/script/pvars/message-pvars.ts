// Variables read from the message itself: first line, From/To, Call-ID, CSeq, body, common
// headers (script-language.md 7.3 and its "absent" column).
import type { MessageContext } from '../../core/message-context.js';
import type { NameAddr } from '../../sip/index.js';
import { int, str, type MaybeValue } from '../value.js';
import { pickIndexed, pvar, type PvarSpec } from './types.js';
import { tryParseUri } from './uri-parts.js';

/** A header getter that never throws: a malformed header reads as absent. */
function safe<T>(f: () => T): T | undefined {
  try { return f(); } catch { return undefined; }
}
const orNull = (s: string | undefined): MaybeValue => (s ? str(s) : null);

/** The five variables of a From/To-like header: URI, user, host, display name, tag. */
function addressPvars(letter: 'f' | 't', get: (ctx: MessageContext) => NameAddr | undefined, what: string): PvarSpec[] {
  const na = (ctx: MessageContext) => safe(() => get(ctx));
  return [
    pvar({ name: `${letter}u`, inner: 'none', doc: `${what} URI`, get: (ctx) => orNull(na(ctx)?.uri) }),
    pvar({ name: `${letter}U`, inner: 'none', doc: `${what} URI user`, get: (ctx) => orNull(tryParseUri(na(ctx)?.uri)?.user) }),
    pvar({ name: `${letter}d`, inner: 'none', doc: `${what} URI host`, get: (ctx) => orNull(tryParseUri(na(ctx)?.uri)?.host) }),
    pvar({ name: `${letter}n`, inner: 'none', doc: `${what} display name`, get: (ctx) => orNull(na(ctx)?.displayName) }),
    pvar({ name: `${letter}t`, inner: 'none', doc: `${what} tag`, get: (ctx) => orNull(na(ctx)?.tag) }),
  ];
}

const body = (ctx: MessageContext) => ctx.msg.body;

export const messagePvars: readonly PvarSpec[] = [
  pvar({ name: 'rm', inner: 'none', doc: 'method (of the CSeq for a reply)', get: (ctx) => orNull(safe(() => ctx.msg.method)) }),
  pvar({ name: 'rs', inner: 'none', doc: 'reply status code', get: (ctx) => (ctx.msg.isRequest ? null : int(ctx.msg.status)) }),
  pvar({ name: 'rr', inner: 'none', doc: 'reply reason phrase', get: (ctx) => (ctx.msg.isRequest ? null : str(ctx.msg.reason)) }),
  pvar({
    name: 'ci', inner: 'none', doc: 'Call-ID',
    get: (ctx) => {
      const v = safe(() => ctx.msg.callId);
      if (!v) ctx.core.log.log(-1, 'core', 'failed to get the Call-ID of the message');
      return orNull(v);
    },
  }),
  pvar({ name: 'cs', inner: 'none', doc: 'CSeq number', get: (ctx) => { const c = safe(() => ctx.msg.cseq); return c ? str(String(c.seq)) : null; } }),
  ...addressPvars('f', (ctx) => ctx.msg.from, 'From'),
  ...addressPvars('t', (ctx) => ctx.msg.to, 'To'),
  pvar({ name: 'ml', inner: 'none', doc: 'message length', get: (ctx) => int(ctx.msg.bodyEnd) }),
  pvar({ name: 'mb', inner: 'none', doc: 'the whole message', get: (ctx) => str(ctx.msg.buffer.toString('utf8', 0, ctx.msg.bodyEnd)) }),
  pvar({ name: 'rb', inner: 'none', doc: 'message body', get: (ctx) => { const b = body(ctx); return b.length ? str(b.toString('utf8')) : null; } }),
  pvar({ name: 'ua', inner: 'none', doc: 'User-Agent', get: (ctx) => orNull(ctx.msg.header('user-agent')) }),
  pvar({
    name: 'ct', inner: 'none', doc: 'Contact: first, $(ct[n]) n-th, $(ct[*]) all',
    get: (ctx, _i, index) => {
      const lines = ctx.msg.headers('contact');
      if (!lines.length) return null;
      if (safe(() => ctx.msg.contactStar)) return str(lines[0].trim());
      return orNull(pickIndexed(safe(() => ctx.msg.headerValues('contact')) ?? [], index));
    },
  }),
  pvar({
    name: 'cl', inner: 'none', doc: 'Content-Length',
    get: (ctx) => { const v = safe(() => ctx.msg.contentLength); return v === undefined ? null : int(v); },
  }),
  pvar({ name: 'cT', inner: 'none', doc: 'Content-Type', get: (ctx, _i, index) => orNull(pickIndexed(ctx.msg.headers('content-type'), index)) }),
  pvar({
    name: 'ai', inner: 'none', doc: 'P-Asserted-Identity URI',
    get: (ctx) => {
      const v = ctx.msg.header('p-asserted-identity');
      if (!v) return null;
      const m = /<([^>]*)>/.exec(v);
      return str(m ? m[1] : v.split(/[;,]/)[0].trim());
    },
  }),
  pvar({
    name: 'hdr', inner: 'required', doc: 'body of the first / n-th / [-1] last / [*] every header line of that name',
    get: (ctx, name, index) => orNull(pickIndexed(ctx.msg.headers(name ?? ''), index)),
  }),
  pvar({ name: 'hdrcnt', inner: 'required', doc: 'number of header lines of that name', get: (ctx, name) => int(ctx.msg.headerLineCount(name ?? '')) }),
];
