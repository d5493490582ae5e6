// Semantic checks a parser cannot make while staying lazy, run by the core before routing
// (OpenSIPS's sanity module does the same job). Each returns null or a reason for a 400.
// RFC 3261 8.1.1 lists the headers every request carries; Max-Forwards is left optional for
// RFC 2543 peers (RFC 4475 3.4.1 inv2543). Covers RFC 4475 3.3.1 insuf, 3.3.8 multi01,
// 3.1.2.17/18 mismatch, and parse errors inside required headers (3.1.2.1, 3.1.2.4-6).
import { SipParseError } from './errors.js';
import type { SipMessage } from './message.js';

const REQUIRED = ['to', 'from', 'call-id', 'cseq', 'via'] as const;
// Headers whose grammar allows one value only (RFC 3261 7.3.1 and 20.*); 3.3.8 multi01.
const SINGLE = ['to', 'from', 'call-id', 'cseq', 'max-forwards', 'content-type', 'expires', 'min-expires'] as const;

/** Null when the request is fit to route, or the reason it is not. */
export function checkRequestSanity(msg: SipMessage): string | null {
  if (!msg.isRequest) return checkResponseSanity(msg);
  const common = checkCommon(msg);
  if (common) return common;
  return guard(() => {
    const cseq = msg.cseq;
    // CSeq method equals the request method for every request, ACK and CANCEL included
    // (RFC 3261 8.1.1.5; ACK/CANCEL carry their own method with the INVITE's number).
    if (cseq.method !== msg.method) return `CSeq method ${cseq.method} does not match the request method ${msg.method}`;
    msg.maxForwards;
    msg.expires;
    msg.requestUri;
    for (const c of msg.contacts) c.expires, c.q, c.parsedUri;
    msg.routes;
    msg.recordRoutes;
    return null;
  });
}

/** Null when a response has what a UAC or proxy needs to match it (RFC 3261 8.2.6.2, 16.7). */
export function checkResponseSanity(msg: SipMessage): string | null {
  return checkCommon(msg);
}

/** Either check, by the message's kind. */
export function checkSanity(msg: SipMessage): string | null {
  return msg.isRequest ? checkRequestSanity(msg) : checkResponseSanity(msg);
}

function checkCommon(msg: SipMessage): string | null {
  for (const h of REQUIRED) if (!msg.hasHeader(h)) return `missing ${h} header`;
  for (const h of SINGLE) if (msg.headerLineCount(h) > 1) return `${h} header appears more than once`;
  return guard(() => {
    if (msg.vias.length === 0) return 'no Via';
    // parseUri keeps unknown schemes opaque (RFC 4475 3.3.4 unksm2): only sip/sips/tel are checked.
    msg.from?.parsedUri;
    msg.to?.parsedUri;
    if (msg.callId === '') return 'empty Call-ID';
    msg.cseq;
    return null;
  });
}

function guard(f: () => string | null): string | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof SipParseError) return e.header ? `${e.reason} in ${e.header}` : e.reason;
    throw e;
  }
}
