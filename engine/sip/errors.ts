// The sip package's error catalog. Bad input is stopped at this boundary with a typed error
// (STYLE.md 5); callers answer 400 / 505 or drop the datagram, never crash. A code is never
// reused; test/engine/sip/errors.test.ts checks that the codes are unique and documented.

export const SIP_ERROR_CODES = {
  SIP_BAD_START_LINE: 'the request line or status line is malformed',
  SIP_BAD_VERSION: 'the SIP version is not SIP/2.0 (a server answers 505)',
  SIP_BAD_STATUS: 'the status code is not three digits in 100..699',
  SIP_BAD_HEADER: 'a header line or a header value does not follow its grammar',
  SIP_BAD_URI: 'a URI does not follow RFC 3261 section 19.1 / RFC 3966',
  SIP_CONTENT_LENGTH: 'Content-Length is malformed, repeated, or disagrees with the bytes received',
  SIP_INCOMPLETE: 'the header section is not terminated by an empty line',
  SIP_TOO_LARGE: 'the message, the header section or one header line exceeds a parser limit',
  SIP_TOO_MANY_HEADERS: 'the message has more header lines than the parser allows',
  SIP_BAD_EDIT: 'an edit or a message to build was given an invalid value',
} as const;

export type SipErrorCode = keyof typeof SIP_ERROR_CODES;

/** The only error the parser and the accessors throw. `reason` is human text fit for a log. */
export class SipParseError extends Error {
  readonly code: SipErrorCode;
  readonly reason: string;
  /** Byte offset in the message where the problem was seen, when known. */
  readonly offset: number | undefined;
  /** Lower-case header name when the problem is inside one header's value. */
  readonly header: string | undefined;

  constructor(code: SipErrorCode, reason: string, where?: { offset?: number; header?: string }) {
    super(where?.header ? `${reason} (header ${where.header}) [${code}]` : `${reason} [${code}]`);
    this.name = 'SipParseError';
    this.code = code;
    this.reason = reason;
    this.offset = where?.offset;
    this.header = where?.header;
  }
}

export function headerError(header: string, reason: string): SipParseError {
  return new SipParseError('SIP_BAD_HEADER', reason, { header });
}

export function uriError(reason: string): SipParseError {
  return new SipParseError('SIP_BAD_URI', reason);
}
