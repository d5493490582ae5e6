// Seeded mutation fuzzing of the corpus: whatever the bytes, parsing and then reading every
// accessor, the sanity check, the editor and the reply builder throw nothing but SipParseError.
// Deterministic (fixed seed), a few thousand mutants, well under the 10 s budget.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage, checkSanity, editMessage, buildReply, uriEquals, SipParseError, type SipMessage, type NameAddr } from '../../../engine/sip/index.js';
import { rfc4475Dir, registerDir } from './corpus.js';

/** mulberry32: a small, good-enough seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = Buffer.from(';,:"<>\\%@[]= \t\r\n\0/?&*0123456789\xff');

function mutate(src: Buffer, rnd: () => number): Buffer {
  const int = (n: number) => Math.floor(rnd() * n);
  let b = Buffer.from(src);
  const rounds = 1 + int(4);
  for (let r = 0; r < rounds && b.length > 0; r++) {
    const at = int(b.length);
    switch (int(7)) {
      case 0: // flip a byte
        b[at] = int(256);
        break;
      case 1: // truncate
        b = b.subarray(0, at);
        break;
      case 2: { // insert interesting bytes
        const ins = Buffer.from(Array.from({ length: 1 + int(4) }, () => INTERESTING[int(INTERESTING.length)]));
        b = Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]);
        break;
      }
      case 3: { // duplicate a range (repeats headers, separators, values)
        const len = 1 + int(Math.min(80, b.length - at));
        b = Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]);
        break;
      }
      case 4: { // remove a CRLF (joins lines) or a LF
        const crlf = b.indexOf('\r\n', at);
        if (crlf >= 0) b = Buffer.concat([b.subarray(0, crlf), b.subarray(crlf + (int(2) ? 2 : 1))]);
        break;
      }
      case 5: // delete a range
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(20))]);
        break;
      default: // overwrite with a separator
        b[at] = INTERESTING[int(INTERESTING.length)];
    }
  }
  return b;
}

function touchNameAddr(na: NameAddr | undefined): void {
  if (!na) return;
  void [na.displayName, na.uri, na.tag, na.expires, na.q, { ...na.params }];
  const u = na.parsedUri;
  void [u.user, u.userUnescaped, u.passwordUnescaped, u.host, u.port, u.paramsUnescaped, u.headersUnescaped, u.transport, u.ttl, u.lr];
  uriEquals(u, na.uri);
}

const ACCESSORS: ((m: SipMessage) => unknown)[] = [
  (m) => m.method, (m) => m.ruri, (m) => m.requestUri?.paramsUnescaped, (m) => m.reason, (m) => m.status,
  (m) => m.vias.map((v) => v.params), (m) => touchNameAddr(m.from), (m) => touchNameAddr(m.to), (m) => m.callId,
  (m) => m.cseq, (m) => m.contacts.forEach(touchNameAddr), (m) => m.contactStar, (m) => m.maxForwards,
  (m) => m.expires, (m) => m.minExpires, (m) => m.contentLength, (m) => m.contentType, (m) => m.subject,
  (m) => m.userAgent, (m) => m.event, (m) => m.subscriptionState, (m) => m.allowEvents, (m) => m.supported,
  (m) => m.require, (m) => m.proxyRequire, (m) => m.allow, (m) => m.sipETag, (m) => m.sipIfMatch,
  (m) => m.routes.forEach(touchNameAddr), (m) => m.recordRoutes.forEach(touchNameAddr), (m) => m.paths.forEach(touchNameAddr),
  (m) => m.pAssociatedUris.forEach(touchNameAddr), (m) => m.date, (m) => m.body.length,
  (m) => { for (let i = 0; i < m.headerCount; i++) m.headerValues(m.nameAt(i)); },
  (m) => checkSanity(m),
  (m) => parseMessage(editMessage(m).prependVia('SIP/2.0/UDP p;branch=z9hG4bKx').removeTopVia().removeTopVia().toBuffer(), { datagram: true }),
  (m) => m.isRequest && parseMessage(buildReply(m, 400, 'Bad Request')),
];

function onlySipErrors(f: () => unknown, what: string): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (!(e instanceof SipParseError)) throw new Error(`${what}: ${(e as Error)?.stack ?? e}`);
    return false;
  }
}

const seeds = [
  ...readdirSync(rfc4475Dir).filter((f) => f.endsWith('.dat')).map((f) => resolve(rfc4475Dir, f)),
  ...readdirSync(registerDir).filter((f) => f.endsWith('.sip')).map((f) => resolve(registerDir, f)),
].map((p) => readFileSync(p));

describe('fuzzing the parser with corpus mutations', () => {
  it('throws only SipParseError, from parse and from every accessor', () => {
    const rnd = prng(0x5eed4475);
    let parsed = 0;
    let total = 0;
    for (let round = 0; round < 70; round++) {
      for (const seed of seeds) {
        const input = mutate(seed, rnd);
        for (const datagram of [true, false]) {
          total++;
          let msg: SipMessage | undefined;
          if (!onlySipErrors(() => (msg = parseMessage(input, { datagram })), `parse ${JSON.stringify(input.toString('latin1'))}`)) continue;
          parsed++;
          ACCESSORS.forEach((read, k) => onlySipErrors(() => read(msg!), `accessor ${k} on ${JSON.stringify(input.toString('latin1'))}`));
        }
      }
    }
    expect(total).toBeGreaterThan(8000);
    expect(parsed).toBeGreaterThan(total / 10); // the mutants are not all trivially rejected
  });
});
