// OpenSIPS proto_tcp parameters that tsips accepts so existing scripts load, but that have no
// effect: Node's sockets are always asynchronous (the tcp_async* family), the reassembly
// limit is in bytes (engine/transport maxBufferedPerConnection) rather than in read chunks,
// CRLF keep-alives (RFC 5626 3.5.1) are always answered, and HEP tracing does not exist yet.
// A value other than OpenSIPS's default is named in a start-up warning.
import { param } from '../../engine/modules/index.js';

export const INERT_TCP_PARAMS = {
  tcp_send_timeout: param.int({ default: 100, min: 0, doc: 'Accepted for OpenSIPS compatibility; no effect: a peer that does not read is dropped when its write queue exceeds the transport limit.' }),
  tcp_max_msg_chunks: param.int({ default: 32, min: 0, doc: 'Accepted for OpenSIPS compatibility; no effect: a partial message is limited in bytes by the transport, not in read chunks.' }),
  tcp_crlf_pingpong: param.int({ default: 1, oneOf: [0, 1], doc: 'Accepted for OpenSIPS compatibility; tsips always answers a CRLFCRLF ping with CRLF (RFC 5626 3.5.1).' }),
  tcp_crlf_drop: param.int({ default: 0, oneOf: [0, 1], doc: 'Accepted for OpenSIPS compatibility; no effect: CRLF keep-alives never reach the parser.' }),
  tcp_async: param.int({ default: 1, oneOf: [0, 1], doc: 'Accepted for OpenSIPS compatibility; TCP connects and writes are always asynchronous in tsips.' }),
  tcp_async_max_postponed_chunks: param.int({ default: 32, min: 0, doc: 'Accepted for OpenSIPS compatibility; no effect (see tcp_async).' }),
  tcp_async_local_connect_timeout: param.int({ default: 100, min: 0, doc: 'Accepted for OpenSIPS compatibility; no effect: the connect timeout is the core tcp_connect_timeout.' }),
  tcp_async_local_write_timeout: param.int({ default: 10, min: 0, doc: 'Accepted for OpenSIPS compatibility; no effect (see tcp_async).' }),
  trace_destination: param.str({ doc: 'Accepted for OpenSIPS compatibility; HEP tracing is not supported, so it is ignored with a warning.' }),
  trace_on: param.int({ default: 0, oneOf: [0, 1], doc: 'Accepted for OpenSIPS compatibility; HEP tracing is not supported (warning when 1).' }),
  trace_filter_route: param.str({ doc: 'Accepted for OpenSIPS compatibility; ignored with a warning (see trace_destination).' }),
} as const;

/** The inert parameters set to something other than OpenSIPS's default. */
export function changedInertParams(values: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(INERT_TCP_PARAMS)
    .filter(([name, def]) => values[name] !== undefined && values[name] !== (def as { default?: unknown }).default)
    .map(([name]) => name);
}
