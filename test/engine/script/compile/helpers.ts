// Shared by the runtime tests: a fake CoreServices that records what the script did, real
// parsed SIP messages, and one call that loads, links and compiles a script text.
import { expect } from 'vitest';
import { loadScriptText, formatDiagnostics } from '../../../../engine/config/index.js';
import { Diagnostics } from '../../../../engine/script/diagnostics.js';
import { linkScript, compileScript, type CompiledScript } from '../../../../engine/script/index.js';
import { parseMessage } from '../../../../engine/sip/index.js';
import { SipMessageContext, type CoreServices } from '../../../../engine/core/message-context.js';
import type { LoadedModule } from '../../../../engine/modules/index.js';
import type { AnyModule } from '../../../../engine/modules/define-module.js';
import type { Logger } from '../../../../engine/core/log.js';
import type { InboundMessage } from '../../../../engine/transport/index.js';
import { createStatsRegistry } from '../../../../engine/stats/registry.js';

export interface LogLine { level: number; facility: string; message: string }

export interface FakeCore extends CoreServices {
  readonly lines: LogLine[];
  readonly replies: { status: number; reason: string }[];
  readonly forwards: unknown[];
  /** Lines logged with facility 'script' (xlog/log output). */
  printed(): string[];
}

export function fakeCore(opts: { xlogLevel?: number; logLevel?: number } = {}): FakeCore {
  const lines: LogLine[] = [];
  const log: Logger = {
    level: opts.logLevel ?? 4,
    enabled(l) { return l <= this.level; },
    log(level, facility, message) { if (level <= this.level) lines.push({ level, facility, message }); },
    write(level, facility, message) { lines.push({ level, facility, message }); },
  };
  const replies: { status: number; reason: string }[] = [];
  const forwards: unknown[] = [];
  return {
    log, lines, replies, forwards,
    script: { xlogLevel: opts.xlogLevel ?? 4, xlogPrintLevel: 2 },
    stats: createStatsRegistry(),
    sockets: [],
    startedAt: 1700000000,
    sendReply(_ctx, status, reason) { replies.push({ status, reason }); return true; },
    forward(_ctx, dest) { forwards.push(dest); return Promise.resolve(true); },
    isMyself: (host) => host === '127.0.0.1' || host === 'tsips.example.com',
    printed: () => lines.filter((l) => l.facility === 'script').map((l) => l.message),
  };
}

export const REGISTER = [
  'REGISTER sip:example.com SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK776asdhds;rport',
  'Max-Forwards: 70',
  'To: "Alice" <sip:alice@example.com>',
  'From: "Alice A" <sip:alice@example.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.example.com',
  'CSeq: 314159 REGISTER',
  'Contact: <sip:alice@10.0.0.5:5062>;expires=3600, <sip:alice@192.0.2.4>',
  'User-Agent: TestPhone/1.0',
  'X-Test: one',
  'X-Test: two',
  'X-Test: three',
  'Content-Length: 0',
  '', '',
].join('\r\n');

export const INVITE = [
  'INVITE sip:bob@biloxi.example.com:5070;transport=tcp SIP/2.0',
  'Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@biloxi.example.com>',
  'From: <sip:alice@atlanta.example.com>;tag=88sja8x',
  'Call-ID: 3848276298220188511@atlanta.example.com',
  'CSeq: 2 INVITE',
  'P-Asserted-Identity: "Alice" <sip:alice@atlanta.example.com>',
  'Content-Type: application/sdp',
  'Content-Length: 4',
  '',
  'v=0\n',
].join('\r\n');

export const REPLY = [
  'SIP/2.0 180 Ringing',
  'Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8',
  'To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf',
  'From: <sip:alice@atlanta.example.com>;tag=88sja8x',
  'Call-ID: 3848276298220188511@atlanta.example.com',
  'CSeq: 2 INVITE',
  'Content-Length: 0',
  '', '',
].join('\r\n');

export const inbound = (buf: Buffer): InboundMessage => ({
  buf,
  source: { proto: 'udp', address: '10.0.0.5', port: 5062, family: 'IPv4' },
  local: { id: 1, proto: 'udp', address: '127.0.0.1', port: 5060, family: 'IPv4', name: 'udp:127.0.0.1:5060', spec: {} as never },
});

export function contextFor(core: CoreServices, text = REGISTER, withInbound = true): SipMessageContext {
  const buf = Buffer.from(text);
  return new SipMessageContext(parseMessage(buf), withInbound ? inbound(buf) : undefined, core, 'request');
}

export const loaded = (def: AnyModule): LoadedModule => ({
  name: def.name, def, file: `${def.name}/index.ts`, builtin: false,
  loc: { file: 'main.cfg', line: 1, col: 1 }, settings: new Map(),
});

export interface Built { script: CompiledScript; diagnostics: Diagnostics }

/** Loads, links and compiles; fails the test with the printed diagnostics on an error. */
export function build(text: string, modules: AnyModule[] = [], states: Record<string, unknown> = {}, opts: { maxWhileLoops?: number } = {}): CompiledScript {
  const load = loadScriptText(text, 'main.cfg', '/tmp');
  const out = new Diagnostics();
  out.list.push(...load.diagnostics);
  const linked = out.errorCount === 0 ? linkScript(load.script, modules.map(loaded), out) : undefined;
  if (!linked) expect.fail(formatDiagnostics(out.list, load.sources));
  return compileScript(linked!, { moduleStates: new Map(Object.entries(states)), log: fakeCore().log, maxWhileLoops: opts.maxWhileLoops });
}

/** Links only, returning the printed diagnostics (empty string when clean). */
export function linkErrors(text: string, modules: AnyModule[] = []): string {
  const load = loadScriptText(text, 'main.cfg', '/tmp');
  const out = new Diagnostics();
  out.list.push(...load.diagnostics);
  linkScript(load.script, modules.map(loaded), out);
  return formatDiagnostics(out.list, load.sources);
}

/** Runs the main route of `routeBody` (wrapped in route { }) on a REGISTER and returns what xlog printed. */
export async function runMain(routeBody: string, opts: { modules?: AnyModule[]; states?: Record<string, unknown>; msg?: string; extra?: string; core?: FakeCore } = {}) {
  const core = opts.core ?? fakeCore();
  const script = build(`route {\n${routeBody}\n}\n${opts.extra ?? ''}`, opts.modules, opts.states);
  const ctx = contextFor(core, opts.msg ?? REGISTER);
  await script.runRequest(ctx);
  return { core, ctx, out: core.printed() };
}
