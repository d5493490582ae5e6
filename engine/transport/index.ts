// The transport package's public door (STYLE.md 1): listening sockets and sending (UDP,
// TCP), socket definitions, and the RFC 3261 18 / RFC 3581 addressing rules.

export { Transport, type MessageHandler } from './transport.js';
export { parseSocketSpec, type SocketSpec, type Proto, type ParseSocketSpecOptions } from './socket-spec.js';
export { TransportError, TRANSPORT_ERROR_CODES, type TransportErrorCode } from './errors.js';
export type {
  ListenSocket, PeerAddress, InboundMessage, SendTarget, SendOptions, TransportConfig,
  ResolvedTransportConfig, TransportStats, Family,
} from './types.js';
export { responseTarget, receivedParams, sameAddress, type ResponseTarget, type ReceivedParams } from './response-target.js';
export { requestTarget, chooseRequestTransport, UDP_SIZE_THRESHOLD, type UriLike, type RequestTarget } from './request-target.js';
export { isReliable, defaultPort, type ViaLike, type SourceLike } from './via-like.js';
export { bindAddresses } from './resolve-host.js';
