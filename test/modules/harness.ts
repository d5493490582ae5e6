// Shared by the module tests: load built-in modules the way a script does (loadmodule,
// modparam, dependency order, init), build messages and per-message contexts over a fake
// core that records the replies it is asked to send, and call script functions directly.
import { expect } from 'vitest';
import { Diagnostics } from '../../engine/script/diagnostics.js';
import {
  loadModule, applyModparam, prepareModules, initModules, builtinModulesDir,
  type LoadedModule, type ModuleSet, type AnyModule, type ParamValue, type FnResult,
} from '../../engine/modules/index.js';
import { SipMessageContext, type CoreServices } from '../../engine/core/message-context.js';
import { parseMessage, buildReply, type SipMessage, type ReplyOptions } from '../../engine/sip/index.js';
import type { ListenSocket } from '../../engine/transport/index.js';
import type { RouteType } from '../../engine/modules/index.js';
import { testServices } from '../engine/modules/services.js';

const at = (line: number) => ({ file: 'main.cfg', line, col: 1 });

export interface Started {
  readonly set: ModuleSet;
  readonly services: ReturnType<typeof testServices>;
  def(name: string): AnyModule;
  state<T = unknown>(name: string): T;
  api<T = unknown>(name: string): T;
  stat(fullName: string): number;
}

/** loadmodule each name (in this order), apply the modparams, init in dependency order. */
export async function startModules(names: string[], modparams: [string, string, ParamValue][] = [], mpaths: string[] = []): Promise<Started> {
  const out = new Diagnostics();
  const loaded: LoadedModule[] = [];
  for (const [i, name] of names.entries()) {
    const m = await loadModule({ spec: `${name}.so`, loc: at(i + 1), mpaths }, builtinModulesDir(), loaded, out);
    if (m) loaded.push(m);
  }
  for (const [i, [mod, p, v]] of modparams.entries()) applyModparam(loaded, mod, p, v, at(100 + i), out);
  expect(out.list).toEqual([]);
  const prepared = prepareModules(loaded, out);
  expect(out.list).toEqual([]);
  const services = testServices();
  const set = await initModules(prepared!, services, { timeoutMs: 2000 });
  const running = (name: string) => {
    const m = set.modules.find((r) => r.name === name);
    if (!m) throw new Error(`module ${name} not running`);
    return m;
  };
  return {
    set, services,
    def: (name) => running(name).def,
    state: <T>(name: string) => running(name).state as T,
    api: <T>(name: string) => running(name).def.api!(running(name).state) as T,
    stat: (full) => services.stats.find(full)?.get() ?? NaN,
  };
}

export interface SentReply {
  readonly status: number;
  readonly reason: string;
  readonly opts: ReplyOptions | undefined;
  /** The reply as engine/sip builds it from the same arguments, parsed back. */
  readonly reply: SipMessage;
}

export type FakeCore = CoreServices & { readonly replies: SentReply[]; sendOk: boolean };

const socket = (name: string): ListenSocket => {
  const [proto, address, port] = name.split(':') as ['udp', string, string];
  return { id: 1, proto, address, port: Number(port), family: 'IPv4', name, spec: { proto, host: address, port: Number(port) } } as unknown as ListenSocket;
};

export function fakeCore(sockets: string[] = ['udp:127.0.0.1:5060']): FakeCore {
  const services = testServices();
  const replies: SentReply[] = [];
  const core: FakeCore = {
    log: services.log,
    script: { xlogLevel: 2, xlogPrintLevel: 2 },
    stats: services.stats,
    sockets: sockets.map(socket),
    replies,
    sendOk: true,
    sendReply(ctx, status, reason, opts) {
      if (!core.sendOk) return false;
      const bytes = buildReply((ctx as SipMessageContext).msg, status, reason, opts);
      replies.push({ status, reason, opts, reply: parseMessage(bytes) });
      return true;
    },
    forward: async () => false,
    isMyself: () => false,
    startedAt: 0,
  };
  return core;
}

/** A message from readable text: lines joined with CRLF, a final empty line added. */
export function sipMessage(lines: string[], body = ''): SipMessage {
  const head = lines.join('\r\n') + '\r\n';
  const withLength = lines.some((l) => /^content-length:/i.test(l)) ? head : head + `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return parseMessage(Buffer.from(withLength + '\r\n' + body));
}

export const INVITE = [
  'INVITE sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@example.com>',
  'From: Alice <sip:alice@example.org>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.example.org',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@192.0.2.10>',
];

/** Lines with headers replaced (value), removed (null) or added (name not in `base`). */
export function invite(changes: Record<string, string | null> = {}, base = INVITE): string[] {
  const nameOf = (l: string) => l.split(':')[0]!.toLowerCase();
  const byName = new Map(Object.entries(changes).map(([k, v]) => [k.toLowerCase(), { k, v }]));
  const out: string[] = [];
  for (const l of base) {
    const c = byName.get(nameOf(l));
    if (!c) out.push(l);
    else if (c.v !== null) out.push(`${l.split(':')[0]}: ${c.v}`);
  }
  for (const [lower, { k, v }] of byName) if (v !== null && !base.some((l) => nameOf(l) === lower)) out.push(`${k}: ${v}`);
  return out;
}

export function context(msg: SipMessage, core: FakeCore = fakeCore(), routeType: RouteType = 'request'): SipMessageContext {
  return new SipMessageContext(msg, undefined, core, routeType);
}

/** Runs a module's script function as the compiled script would, with typed arguments. */
export function call(m: Started, module: string, fnName: string, ctx: SipMessageContext, ...args: unknown[]): FnResult | Promise<FnResult> {
  const f = m.def(module).functions?.[fnName];
  if (!f) throw new Error(`${module} has no function ${fnName}`);
  return (f.run as (...a: unknown[]) => FnResult)(ctx, m.state(module), ...args);
}

/** The message as it would be sent on, parsed back. */
export function edited(ctx: SipMessageContext): SipMessage {
  return parseMessage(ctx.editor.toBuffer());
}
