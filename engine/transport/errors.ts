// The transport's error catalog (STYLE.md 5). A code is never reused. Configuration problems
// (a bad socket definition, a port already taken) stop start-up; send-time problems reject
// the send and are for the caller (tm, sl) to log or fail over, never a crash.

export const TRANSPORT_ERROR_CODES = {
  TRANSPORT_BAD_SOCKET_SPEC: 'a socket= / listen= / -l definition does not follow the grammar',
  TRANSPORT_UNSUPPORTED_PROTO: 'the protocol is valid in OpenSIPS but tsips has no transport for it yet',
  TRANSPORT_BIND_FAILED: 'a listening socket could not be bound (address in use, not local, no permission)',
  TRANSPORT_RESOLVE_FAILED: 'a host name in a socket definition or a send target did not resolve',
  TRANSPORT_NO_SOCKET: 'there is no listening socket of the protocol and address family to send from',
  TRANSPORT_NOT_STARTED: 'the transport is not running (not started yet, or stopped)',
  TRANSPORT_TOO_LARGE: 'the message to send exceeds the maximum message size',
  TRANSPORT_CONNECT_TIMEOUT: 'a TCP connection was not established within tcp_connect_timeout',
  TRANSPORT_CONNECT_FAILED: 'a TCP connection was refused or failed',
  TRANSPORT_TOO_MANY_CONNECTIONS: 'tcp_max_connections connections are already open',
  TRANSPORT_CONNECTION_CLOSED: 'the TCP connection closed before the message was written',
  TRANSPORT_WRITE_OVERFLOW: 'the peer does not read: too many bytes are queued on its connection',
  TRANSPORT_SEND_FAILED: 'the operating system refused to send the datagram',
} as const;

export type TransportErrorCode = keyof typeof TRANSPORT_ERROR_CODES;

export class TransportError extends Error {
  readonly code: TransportErrorCode;
  constructor(code: TransportErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${message} [${code}]`, options);
    this.name = 'TransportError';
    this.code = code;
  }
}
