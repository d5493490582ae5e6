// A message the parser refused. If its first line is a request line and the headers a reply
// needs (Via, From, To, Call-ID, CSeq) can be found as lines, it gets a 400 built from those
// lines as they are; otherwise it is dropped (RFC 3261 16.3 / 8.2: an element answers what it
// can answer and never crashes on input). The 400 goes back to the source address and port,
// or on the TCP connection: the Via may be the broken part, and the source is the one
// address known to have sent this (the same choice as RFC 3581 rport).
import type { SipParseError } from '../../sip/index.js';
import type { InboundMessage } from '../../transport/index.js';

const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]+) +(\S+) +SIP\/2\.0\r?$/;
const NEEDED: Record<string, string> = { via: 'via', v: 'via', from: 'from', f: 'from', to: 'to', t: 'to', 'call-id': 'call-id', i: 'call-id', cseq: 'cseq' };

/** The 400 to send, or undefined when the message cannot be answered. */
export function badRequestReply(inb: InboundMessage, err: SipParseError): Buffer | undefined {
  const text = inb.buf.toString('latin1', 0, Math.min(inb.buf.length, 16384));
  const lines = text.replace(/^(\r?\n)+/, '').split('\n');
  if (!REQUEST_LINE.test(lines[0])) return undefined;
  if (/^ACK /i.test(lines[0])) return undefined; // an ACK is never answered
  const found = new Map<string, string[]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line === '') break;
    const m = /^([A-Za-z-]+)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!m) continue; // a folded or broken line: not one we copy
    const name = NEEDED[m[1].toLowerCase()];
    if (!name) continue;
    const list = found.get(name) ?? [];
    list.push(m[2]);
    found.set(name, list);
  }
  if (['via', 'from', 'to', 'call-id', 'cseq'].some((h) => !found.has(h))) return undefined;
  let to = found.get('to')![0];
  if (!/;\s*tag=/i.test(to)) to += `;tag=${Math.floor(Math.random() * 0xffffffff).toString(16)}`;
  const out = [
    `SIP/2.0 400 ${reasonPhrase(err)}`,
    ...found.get('via')!.map((v) => `Via: ${v}`),
    `From: ${found.get('from')![0]}`,
    `To: ${to}`,
    `Call-ID: ${found.get('call-id')![0]}`,
    `CSeq: ${found.get('cseq')![0]}`,
    'Content-Length: 0', '', '',
  ];
  return Buffer.from(out.join('\r\n'), 'latin1');
}

/** "Bad Request (reason)", printable ASCII only, short: it is copied from our parser's text. */
function reasonPhrase(err: SipParseError): string {
  const why = err.reason.replace(/[^\x20-\x7e]/g, ' ').slice(0, 80);
  return why ? `Bad Request (${why})` : 'Bad Request';
}
