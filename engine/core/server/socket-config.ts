// The listening sockets: `socket=`/`listen=` lines and `-l` options, checked the way
// OpenSIPS checks them after parsing (script-language.md 2.3, section 11 step 6): a socket
// of protocol P needs the module proto_P loaded, and no socket at all is an error; both say
// "no transport protocol loaded", as OpenSIPS does.
import type { Socket } from '../../script/ast.js';
import type { Diagnostics } from '../../script/diagnostics.js';
import { parseSocketSpec, TransportError, type Proto, type SocketSpec } from '../../transport/index.js';

const SUPPORTED: readonly string[] = ['udp', 'tcp'];

export interface SocketPlan {
  specs: SocketSpec[];
  /** Problems that have no script line (the -l options, no socket at all). */
  errors: string[];
}

export function planSockets(
  sockets: readonly Socket[], listenArgs: readonly string[], loadedModules: ReadonlySet<string>, out: Diagnostics,
): SocketPlan {
  const plan: SocketPlan = { specs: [], errors: [] };
  for (const s of sockets) {
    if (s.keyword === 'listen') out.warning('TSIPS_DEPRECATED', s.nameLoc, "'listen' is deprecated, use 'socket' instead");
    const specs = fromNode(s, out);
    if (!specs) continue;
    if (!loadedModules.has(`proto_${s.proto}`)) {
      out.error('TSIPS_SOCKET_NO_PROTO', s.loc, `no transport protocol loaded for socket ${s.proto}:${s.host.value}: module 'proto_${s.proto}' is not loaded`,
        `add loadmodule "proto_${s.proto}.so"`);
      continue;
    }
    plan.specs.push(...specs);
  }
  for (const text of listenArgs) {
    let specs: SocketSpec[];
    try {
      specs = parseSocketSpec(text); // -l: the protocol is optional and defaults to UDP
    } catch (e) {
      plan.errors.push(`-l ${text}: ${e instanceof TransportError ? e.message : String(e)}`);
      continue;
    }
    const proto = specs[0].proto;
    if (!loadedModules.has(`proto_${proto}`)) {
      plan.errors.push(`-l ${text}: no transport protocol loaded: module 'proto_${proto}' is not loaded (add loadmodule "proto_${proto}.so" to the script)`);
      continue;
    }
    plan.specs.push(...specs);
  }
  if (plan.specs.length === 0 && plan.errors.length === 0 && out.errorCount === 0) {
    plan.errors.push('no transport protocol loaded: the script has no socket= line and no -l option was given');
  }
  return plan;
}

function fromNode(s: Socket, out: Diagnostics): SocketSpec[] | undefined {
  const proto = s.proto.toLowerCase();
  if (!SUPPORTED.includes(proto)) {
    out.error('TSIPS_SOCKET_BAD', s.loc, `protocol '${s.proto}' is not supported by tsips yet`, 'use udp or tcp');
    return undefined;
  }
  const ports = expand(s.ports) ;
  if (ports.some((p) => p > 65535)) {
    out.error('TSIPS_SOCKET_BAD', s.loc, 'a port is above 65535');
    return undefined;
  }
  const list = ports.length ? ports : [5060];
  let advertised: { host: string; ports: number[] } | undefined;
  let tag: string | undefined;
  for (const p of s.params) {
    if (p.type !== 'SocketParam') continue; // a bad parameter is already a syntax error
    if (p.name === 'as' && p.host) advertised = { host: p.host.value, ports: expand(p.ports ?? []) };
    if (p.name === 'tag' && typeof p.value === 'string') tag = p.value;
  }
  if (advertised && advertised.ports.length && advertised.ports.length !== list.length) {
    out.error('TSIPS_SOCKET_BAD', s.loc, `'as' gives ${advertised.ports.length} port(s) for ${list.length} listening port(s)`);
    return undefined;
  }
  return list.map((port, i) => {
    const spec: SocketSpec = { proto: proto as Proto, host: s.host.kind === 'any' ? '*' : s.host.value, port };
    if (advertised) spec.advertised = advertised.ports.length ? { host: advertised.host, port: advertised.ports[i] } : { host: advertised.host };
    if (tag !== undefined) spec.tag = tag;
    return spec;
  });
}

function expand(ranges: readonly { from: number; to: number }[]): number[] {
  const out: number[] = [];
  for (const r of ranges) for (let p = r.from; p <= r.to && out.length <= 1024; p++) out.push(p);
  return out;
}
