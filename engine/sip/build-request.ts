// A new request from parts (RFC 3261 8.1.1): what a UAC core (tm, pua) sends. Header order
// follows the RFC's examples: Via, Max-Forwards, Route, To, From, Call-ID, CSeq, Contact,
// then the caller's headers, Content-Type, Content-Length.
import { ByteBuilder } from './byte-builder.js';
import { type HeaderList, checkHeaderValue, checkRequestUri, checkToken } from './header-text.js';
import { appendTail } from './build-reply.js';
import { SipParseError } from './errors.js';

export interface RequestParts {
  method: string;
  ruri: string;
  /** Via value(s), topmost first, e.g. `SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK...`. */
  via: string | readonly string[];
  /** From and To values, e.g. `<sip:alice@example.com>;tag=abc`. */
  from: string;
  to: string;
  callId: string;
  cseq: number;
  contact?: string;
  /** Route values in order, each e.g. `<sip:proxy.example.com;lr>`. */
  route?: readonly string[];
  /** Default 70 (RFC 3261 8.1.1.6). */
  maxForwards?: number;
  headers?: HeaderList;
  body?: Buffer | string;
  contentType?: string;
}

export function buildRequest(p: RequestParts): Buffer {
  checkToken('method', p.method);
  checkRequestUri(p.ruri);
  if (!Number.isInteger(p.cseq) || p.cseq < 0 || p.cseq > 0x7fffffff) throw new SipParseError('SIP_BAD_EDIT', 'CSeq number not in 0..2**31-1');
  const mf = p.maxForwards ?? 70;
  if (!Number.isInteger(mf) || mf < 0 || mf > 255) throw new SipParseError('SIP_BAD_EDIT', 'Max-Forwards not in 0..255');
  const out = new ByteBuilder();
  out.text(`${p.method} ${p.ruri} SIP/2.0\r\n`);
  const vias = typeof p.via === 'string' ? [p.via] : p.via;
  if (vias.length === 0) throw new SipParseError('SIP_BAD_EDIT', 'a request needs a Via');
  for (const v of vias) line(out, 'Via', v);
  out.text(`Max-Forwards: ${mf}\r\n`);
  for (const r of p.route ?? []) line(out, 'Route', r);
  line(out, 'To', p.to);
  line(out, 'From', p.from);
  line(out, 'Call-ID', p.callId);
  out.text(`CSeq: ${p.cseq} ${p.method}\r\n`);
  if (p.contact !== undefined) line(out, 'Contact', p.contact);
  appendTail(out, p.headers, p.body, p.contentType);
  return out.toBuffer();
}

function line(out: ByteBuilder, name: string, value: string): void {
  checkHeaderValue(name, value);
  out.text(`${name}: ${value}\r\n`);
}
