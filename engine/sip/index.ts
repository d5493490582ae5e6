// The sip package's only public door. engine/sip imports nothing from the rest of the engine
// (STYLE.md 1, 8): it turns bytes into messages and messages into bytes, and knows no sockets.
export { parseMessage, DEFAULT_LIMITS, type ParseOptions } from './parse.js';
export { SipMessage } from './message.js';
export { SipParseError, SIP_ERROR_CODES, type SipErrorCode } from './errors.js';
export { Via } from './via.js';
export { NameAddr, parseNameAddrValue, parseNameAddrList } from './name-addr.js';
export type { CSeq } from './cseq.js';
export type { EventHeader, SubscriptionState } from './event.js';
export type { DateHeader } from './date.js';
export type { Params } from './params.js';
export { unquote } from './params.js';
export { SipUri, parseUri } from './uri.js';
export { unescapePercent } from './percent.js';
export { normalizeHeaderName, canonicalHeaderName } from './compact-names.js';
export { checkRequestSanity, checkResponseSanity, checkSanity } from './sanity.js';
export { MessageEditor, editMessage } from './serialize.js';
export { buildReply, type ReplyOptions } from './build-reply.js';
export { buildRequest, type RequestParts } from './build-request.js';
export type { HeaderList } from './header-text.js';
export { generateBranch, isGeneratedBranch, generateTag, generateCallId, hash32, BRANCH_COOKIE } from './ids.js';
export { uriEquals } from './uri-equals.js';
// Stream framing (engine/sip/framing.ts, owned by the transport work) goes through this door too.
export * from './framing.js';
