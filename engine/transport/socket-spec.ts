// Socket definitions: `socket=` / `listen=` in the script and `-l` on the command line, in
// OpenSIPS's grammar (cfg.y `socket_def`, reference/script-language.md 2.3):
//   [PROTO ":"] HOST [":" PORTS] { "as" HOST [":" PORTS] | "tag" ID | "use_workers" N | ... }
// A port range gives one socket per port. Host names and `*` are kept as written here and
// resolved when the transport starts, as OpenSIPS does.

import { isIP, isIPv6 } from 'node:net';
import { TransportError } from './errors.js';

export type Proto = 'udp' | 'tcp';

export interface SocketSpec {
  proto: Proto;
  /** An IP address, a host name, an interface name, or `*` (every local address). */
  host: string;
  /** 0 asks the OS for a free port (a tsips extension, handy for tests). */
  port: number;
  /** `as host[:port]`: what goes into Via / Record-Route instead of the bound address. */
  advertised?: { host: string; port?: number };
  tag?: string;
}

export interface ParseSocketSpecOptions {
  /** `socket=` needs the protocol in 3.x; `-l` defaults it to UDP. Default false. */
  protoRequired?: boolean;
}

const SUPPORTED = new Set<string>(['udp', 'tcp']);
// Protocols OpenSIPS modules provide: recognised so the error says "not supported yet"
// rather than "bad host".
const KNOWN = new Set<string>(['tls', 'ws', 'wss', 'sctp', 'hep_udp', 'hep_tcp', 'bin', 'bins', 'smpp', 'msrp', 'msrps', 'ipsec']);
const DEFAULT_PORT: Record<Proto, number> = { udp: 5060, tcp: 5060 };
/** Guard against `1-65535` turning into 65535 sockets by a typo. */
const MAX_RANGE_PORTS = 1024;

const FLAG_PARAMS = new Set(['anycast', 'frag', 'reuse_port', 'accept_subdomain', 'allow_proxy_protocol', 'send_proxy_protocol', 'proxy_protocol']);
const VALUE_PARAMS = new Set(['use_workers', 'tag', 'tos', 'use_auto_scaling_profile']);

function bad(text: string, reason: string): TransportError {
  return new TransportError('TRANSPORT_BAD_SOCKET_SPEC', `bad socket definition '${text}': ${reason}`);
}

/** Parses one definition into one socket per port. Throws TransportError. */
export function parseSocketSpec(text: string, opts: ParseSocketSpecOptions = {}): SocketSpec[] {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) throw bad(text, 'empty');
  const { proto, rest } = splitProto(text, words[0], opts.protoRequired ?? false);
  const parsed = splitHostPorts(text, rest);
  const host = parsed.host;
  const ports = parsed.ports ?? [DEFAULT_PORT[proto]];
  let advertised: { host: string; ports: number[] | undefined } | undefined;
  let tag: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i].toLowerCase();
    if (w === 'as') {
      const a = words[++i];
      if (a === undefined) throw bad(text, "'as' needs an address");
      const adv = splitHostPorts(text, a);
      if (adv.host === '*') throw bad(text, "'as' needs a concrete address, not '*'");
      advertised = adv;
    } else if (VALUE_PARAMS.has(w)) {
      const v = words[++i];
      if (v === undefined) throw bad(text, `'${w}' needs a value`);
      if ((w === 'use_workers' || w === 'tos') && !/^\d+$/.test(v)) throw bad(text, `'${w}' needs a number`);
      if (w === 'tag') tag = v;
      // use_workers, tos and the scaling profile have no meaning in one Node process.
    } else if (!FLAG_PARAMS.has(w)) {
      throw bad(text, `unknown parameter '${words[i]}'`);
    }
  }
  const advPorts = advertised?.ports;
  if (advPorts && advPorts.length !== ports.length) {
    throw bad(text, `'as' gives ${advPorts.length} port(s) for ${ports.length} listening port(s)`);
  }
  return ports.map((port, i) => {
    const spec: SocketSpec = { proto, host, port };
    if (advertised) spec.advertised = advPorts ? { host: advertised.host, port: advPorts[i] } : { host: advertised.host };
    if (tag !== undefined) spec.tag = tag;
    return spec;
  });
}

function splitProto(text: string, word: string, required: boolean): { proto: Proto; rest: string } {
  const colon = word.indexOf(':');
  const head = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
  if (SUPPORTED.has(head)) return { proto: head as Proto, rest: word.slice(colon + 1) };
  if (KNOWN.has(head)) {
    throw new TransportError('TRANSPORT_UNSUPPORTED_PROTO', `socket '${text}': protocol '${head}' is not supported by tsips yet`);
  }
  if (required) throw bad(text, 'the protocol is missing (write udp:HOST:PORT or tcp:HOST:PORT)');
  return { proto: 'udp', rest: word };
}

function splitHostPorts(text: string, s: string): { host: string; ports: number[] | undefined } {
  let host: string;
  let portText: string | undefined;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) throw bad(text, "missing ']' after the IPv6 address");
    host = s.slice(1, close);
    if (!isIPv6(host)) throw bad(text, `'${host}' is not an IPv6 address`);
    const after = s.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw bad(text, `unexpected '${after}' after ']'`);
    portText = after === '' ? undefined : after.slice(1);
  } else if (s.startsWith('"')) {
    const close = s.indexOf('"', 1);
    if (close < 0) throw bad(text, 'unterminated quoted host');
    host = s.slice(1, close);
    const after = s.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw bad(text, `unexpected '${after}' after the quoted host`);
    portText = after === '' ? undefined : after.slice(1);
  } else if (isIPv6(s)) {
    host = s; // a bare IPv6 address: any trailing ":n" is part of it, so no port
  } else {
    const colon = s.indexOf(':');
    host = colon < 0 ? s : s.slice(0, colon);
    portText = colon < 0 ? undefined : s.slice(colon + 1);
  }
  checkHost(text, host);
  if (portText === undefined) return { host, ports: undefined };
  return { host, ports: parsePorts(text, portText) };
}

function checkHost(text: string, host: string): void {
  if (host === '') throw bad(text, 'the host is missing');
  if (host === '*' || isIP(host) !== 0) return;
  if (/^[\d.]+$/.test(host)) throw bad(text, `'${host}' is not a valid IPv4 address`);
  if (!/^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/.test(host)) throw bad(text, `'${host}' is not a host name`);
}

function parsePorts(text: string, s: string): number[] {
  const ports: number[] = [];
  for (const part of s.split(',')) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) throw bad(text, `'${part}' is not a port or a port range`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo > 65535 || hi > 65535) throw bad(text, `port ${Math.max(lo, hi)} is above 65535`);
    if (hi < lo) throw bad(text, `the range ${part} runs backwards`);
    if (ports.length + hi - lo + 1 > MAX_RANGE_PORTS) throw bad(text, `more than ${MAX_RANGE_PORTS} ports`);
    for (let p = lo; p <= hi; p++) ports.push(p);
  }
  return ports;
}
