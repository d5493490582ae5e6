// A response to a received request (RFC 3261 8.2.6.2): Vias, From, Call-ID and CSeq copied
// byte for byte, To copied with a tag added when the request's To has none and the status is
// above 100, and Record-Route copied for 101..299 when asked (12.1.1, dialog-creating requests).
import { LINE_START, LINE_NEXT, STRIDE } from './header-index.js';
import { ByteBuilder } from './byte-builder.js';
import { type HeaderList, headerPairs, checkHeaderName, checkHeaderValue } from './header-text.js';
import { canonicalHeaderName } from './compact-names.js';
import { SipParseError } from './errors.js';
import { generateTag } from './ids.js';
import type { SipMessage } from './message.js';

export interface ReplyOptions {
  /** To tag to add when the request's To has none (generated when not given). */
  toTag?: string;
  /** Extra headers, written after the copied ones. */
  headers?: HeaderList;
  body?: Buffer | string;
  /** Content-Type of the body. */
  contentType?: string;
  /** Copy Record-Route (for responses that establish a dialog, RFC 3261 12.1.1). */
  copyRecordRoute?: boolean;
}

const COPIED = new Set(['via', 'from', 'call-id', 'cseq', 'to']);

export function buildReply(req: SipMessage, status: number, reason: string, opts: ReplyOptions = {}): Buffer {
  if (!req.isRequest) throw new SipParseError('SIP_BAD_EDIT', 'a reply needs a request');
  if (!Number.isInteger(status) || status < 100 || status > 699) throw new SipParseError('SIP_BAD_EDIT', `status ${status} not in 100..699`);
  checkHeaderValue('reason phrase', reason);
  const out = new ByteBuilder();
  out.text(`SIP/2.0 ${status} ${reason}\r\n`);
  const copyRR = opts.copyRecordRoute === true && status > 100 && status < 300;
  const buf = req.buffer;
  for (let i = 0; i < req.headerCount; i++) {
    const name = req.names[i];
    if (!COPIED.has(name) && !(copyRR && name === 'record-route')) continue;
    if (name === 'to' && status > 100 && !toHasTag(req)) {
      const tag = opts.toTag ?? generateTag();
      checkHeaderValue('To tag', tag);
      out.text(`To: ${req.valueAt(i)};tag=${tag}\r\n`);
    } else out.range(buf, req.offs[i * STRIDE + LINE_START], req.offs[i * STRIDE + LINE_NEXT]);
  }
  appendTail(out, opts.headers, opts.body, opts.contentType);
  return out.toBuffer();
}

/** A To we cannot parse is copied as it is: a 400 for a broken request must still go out. */
function toHasTag(req: SipMessage): boolean {
  try {
    return req.to?.tag !== undefined;
  } catch {
    return true;
  }
}

/** Extra headers, Content-Type, Content-Length, the empty line and the body. */
export function appendTail(out: ByteBuilder, headers: HeaderList | undefined, body: Buffer | string | undefined, contentType: string | undefined): void {
  for (const [name, value] of headerPairs(headers)) {
    checkHeaderName(name);
    checkHeaderValue(name, value);
    out.text(`${canonicalHeaderName(name)}: ${value}\r\n`);
  }
  // A string body is measured once and encoded straight into the message, not first into
  // a Buffer of its own that is then copied.
  const length = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  if (contentType !== undefined && length > 0) {
    checkHeaderValue('Content-Type', contentType);
    out.text(`Content-Type: ${contentType}\r\n`);
  }
  out.text(`Content-Length: ${length}\r\n\r\n`);
  if (typeof body === 'string') out.text(body, length);
  else if (body) out.bytes(body);
}
