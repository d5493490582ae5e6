// `npm run bench -- sip-parser [rounds] [ms-per-round]`: our parser against drachtio-sip and
// sip (node_modules, dev dependencies), side by side in one process. Each parser gets the
// Buffer a socket delivers: the string-based ones pay for their Buffer->string conversion.
// After parsing, each reads what a registrar or proxy reads: top Via branch, From tag, To,
// Call-ID, CSeq, Contact (URI and expires) and Expires. Prints the median messages/s of
// several interleaved rounds and our ratio to each.
import { createRequire } from 'node:module';
import { parseMessage } from '../../engine/sip/index.js';

const require = createRequire(import.meta.url);

const crlf = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'));

const REGISTER = crlf(`REGISTER sip:chicago.example.com SIP/2.0
Via: SIP/2.0/UDP 192.0.2.101:5060;rport;branch=z9hG4bK-524287-1---a3c5f1e8d2b7
Max-Forwards: 70
Contact: <sip:carol@192.0.2.101:5060;rinstance=9f3a1c2b7e>;expires=3600;+sip.instance="<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>"
To: "Carol" <sip:carol@chicago.example.com>
From: "Carol" <sip:carol@chicago.example.com>;tag=8c2e41f7
Call-ID: c4r0l-reg-7f3a9e@192.0.2.101
CSeq: 2 REGISTER
Expires: 3600
Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE
Supported: replaces, outbound, path, gruu
User-Agent: Zoiper rv2.10.19.6
Allow-Events: presence, kpml, talk
Content-Length: 0

`);

const SDP = `v=0
o=alice 2890844526 2890844526 IN IP4 192.0.2.101
s=-
c=IN IP4 192.0.2.101
t=0 0
m=audio 49170 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=sendrecv
`.replace(/\n/g, '\r\n');

const INVITE = crlf(`INVITE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP proxy.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.10
Via: SIP/2.0/UDP 192.0.2.101:5060;rport=5060;branch=z9hG4bK74bf9;received=192.0.2.101
Max-Forwards: 69
Record-Route: <sip:proxy.atlanta.example.com;lr>
To: Bob <sip:bob@biloxi.example.com>
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
Call-ID: 3848276298220188511@atlanta.example.com
CSeq: 2 INVITE
Contact: <sip:alice@192.0.2.101:5060;transport=udp>
Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY
Supported: replaces, timer
Session-Expires: 1800
User-Agent: Linphone/5.2.0
Content-Type: application/sdp
Content-Length: ${Buffer.byteLength(SDP)}

`) ;
const INVITE_SDP = Buffer.concat([INVITE, Buffer.from(SDP)]);

type Reader = (buf: Buffer) => unknown;

function ours(buf: Buffer): unknown {
  const m = parseMessage(buf, { datagram: true });
  const c = m.contacts[0];
  return [m.via!.branch, m.from!.tag, m.to!.uri, m.callId, m.cseq.seq, m.cseq.method, c?.uri, c?.expires, m.expires];
}

interface DrachtioMessage {
  get(h: string): string | undefined;
  getParsedHeader(h: string): any;
}
const drachtio = require('drachtio-sip') as { SipMessage: new (raw: string) => DrachtioMessage };
function drachtioSip(buf: Buffer): unknown {
  // Its lazy mode (what drachtio-srf uses): header strings at parse, getParsedHeader on demand.
  const m = new drachtio.SipMessage(buf.toString('utf8'));
  const via = m.getParsedHeader('via');
  const from = m.getParsedHeader('from');
  const to = m.getParsedHeader('to');
  const cseq = m.getParsedHeader('cseq');
  const contact = m.getParsedHeader('contact');
  return [via[0].params.branch, from.params.tag, to.uri, m.get('call-id'), cseq.seq, cseq.method, contact?.[0]?.uri, num(contact?.[0]?.params?.expires), num(m.get('expires'))];
}

const sip = require('sip') as { parse(s: Buffer | string): any };
function sipJs(buf: Buffer): unknown {
  // sip.parse takes the Buffer and converts it with toString('binary') itself, then parses
  // every header eagerly.
  const m = sip.parse(buf);
  const h = m.headers;
  return [h.via[0].params.branch, h.from.params.tag, h.to.uri, h['call-id'], h.cseq.seq, h.cseq.method, h.contact?.[0]?.uri, num(h.contact?.[0]?.params?.expires), num(h.expires)];
}

/** The string-based parsers leave numbers as text; a registrar needs them as numbers. */
function num(v: string | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

let sink = 0;

/** Messages per second of `read` over `buf`, running for about `ms` milliseconds. */
function measure(read: Reader, buf: Buffer, ms: number): number {
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 200; i++) {
      const r = read(buf) as unknown[];
      sink += r.length;
    }
    n += 200;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function check(): void {
  // All three must read the same values, or the comparison means nothing.
  for (const buf of [REGISTER, INVITE_SDP]) {
    const a = JSON.stringify(ours(buf));
    const b = JSON.stringify(sipJs(buf));
    const d = JSON.stringify(drachtioSip(buf));
    if (a !== b || a !== d) throw new Error(`parsers disagree:\n ours     ${a}\n sip      ${b}\n drachtio ${d}`);
  }
}

export async function run(args: string[]): Promise<void> {
  const rounds = Number(args[0] ?? 7);
  const ms = Number(args[1] ?? 300);
  check();
  const parsers: [string, Reader][] = [['tsips', ours], ['drachtio-sip', drachtioSip], ['sip', sipJs]];
  for (const [label, buf] of [['REGISTER', REGISTER], ['INVITE+SDP', INVITE_SDP]] as const) {
    for (const [, read] of parsers) measure(read, buf, 100); // warm-up
    const results = new Map<string, number[]>(parsers.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) for (const [name, read] of parsers) results.get(name)!.push(measure(read, buf, ms));
    const med = new Map([...results].map(([k, v]) => [k, median(v)]));
    const ourRate = med.get('tsips')!;
    process.stdout.write(`\n${label} (${buf.length} bytes), median of ${rounds} rounds of ${ms} ms:\n`);
    for (const [name] of parsers) {
      const rate = med.get(name)!;
      const ratio = name === 'tsips' ? '' : `   tsips is ${(ourRate / rate).toFixed(1)}x`;
      process.stdout.write(`  ${name.padEnd(13)} ${Math.round(rate).toLocaleString('en-US').padStart(11)} msgs/s${ratio}\n`);
    }
    const fastest = Math.max(med.get('drachtio-sip')!, med.get('sip')!);
    process.stdout.write(`  vs the faster of the two: ${(ourRate / fastest).toFixed(1)}x (target 3x)\n`);
  }
  if (sink === -1) process.stdout.write('');
}
