// parseMessage: bytes -> SipMessage. Scans the start line and the header boundaries in one
// pass and sets the body's bounds; header values are parsed later, on first use.
import { parseStartLine } from './start-line.js';
import { scanHeaders } from './header-index.js';
import { SipParseError } from './errors.js';
import { SipMessage } from './message.js';
import { latin1 } from './buffer-text.js';

export interface ParseOptions {
  /**
   * The Buffer is one UDP datagram (RFC 3261 18.3): a Content-Length larger than the bytes
   * left is an error, a smaller one ends the body early (the rest is ignored, RFC 4475
   * 3.1.1.8), and without Content-Length the body is the rest of the datagram. Otherwise the
   * Buffer is exactly one framed message from a stream: the body must be exactly
   * Content-Length bytes, and Content-Length may only be left out when no body follows.
   */
  datagram?: boolean;
  /** Most header lines accepted (default 256). */
  maxHeaders?: number;
  /** Most bytes of start line plus headers (default 16 KiB). */
  maxHeaderBytes?: number;
  /** Most bytes of one header line, continuation lines included (default 8 KiB). */
  maxLineBytes?: number;
  /** Most bytes of the whole message (default 65535, OpenSIPS's BUF_SIZE and the UDP maximum). */
  maxMessageBytes?: number;
}

export const DEFAULT_LIMITS = {
  maxHeaders: 256,
  maxHeaderBytes: 16 * 1024,
  maxLineBytes: 8 * 1024,
  maxMessageBytes: 65535,
} as const;

export function parseMessage(buf: Buffer, opts?: ParseOptions): SipMessage {
  const maxMessageBytes = opts?.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes;
  if (buf.length > maxMessageBytes) {
    throw new SipParseError('SIP_TOO_LARGE', `message of ${buf.length} bytes exceeds ${maxMessageBytes}`);
  }
  const end = buf.length;
  const maxHeaderBytes = opts?.maxHeaderBytes ?? DEFAULT_LIMITS.maxHeaderBytes;
  // The scanners read one latin1 string of the message's head (one decode, then V8 string
  // builtins) rather than the Buffer, whose indexOf and slices each call into C++.
  const window = Math.min(end, maxHeaderBytes);
  const text = latin1(buf, 0, window);
  let sl;
  let index;
  try {
    sl = parseStartLine(text, 0, window);
    index = scanHeaders(text, sl.next, window, {
      maxHeaders: opts?.maxHeaders ?? DEFAULT_LIMITS.maxHeaders,
      maxLineBytes: opts?.maxLineBytes ?? DEFAULT_LIMITS.maxLineBytes,
    });
  } catch (e) {
    if (window < end && e instanceof SipParseError && e.code === 'SIP_INCOMPLETE') {
      throw new SipParseError('SIP_TOO_LARGE', `header section longer than ${maxHeaderBytes} bytes`);
    }
    throw e;
  }
  const left = end - index.bodyStart;
  const cl = index.contentLength;
  let bodyEnd: number;
  if (cl > left) {
    // RFC 3261 18.3 / RFC 4475 3.1.2.2 clerr: on UDP this is an error; on a stream the
    // framer should not have handed over a partial message.
    throw new SipParseError('SIP_CONTENT_LENGTH', `Content-Length ${cl} but ${left} bytes follow the headers`, { offset: index.bodyStart });
  }
  if (opts?.datagram) {
    bodyEnd = cl < 0 ? end : index.bodyStart + cl;
  } else {
    if (cl < 0 ? left > 0 : cl < left) {
      throw new SipParseError('SIP_CONTENT_LENGTH', cl < 0 ? 'body without Content-Length on a stream' : `${left - cl} bytes after the body`, { offset: index.bodyStart });
    }
    bodyEnd = end;
  }
  return new SipMessage(buf, text, sl, index, bodyEnd);
}
