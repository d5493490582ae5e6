// Variables about the process, the clock and the sockets: $si $sp $socket_in $Ts $Tsm $TS
// $time $pp $mi $log_level $xlog_level.
import { int, str, type MaybeValue } from '../value.js';
import type { SipMessage } from '../../sip/index.js';
import { pvar, type PvarSpec } from './types.js';
import { strftime } from './strftime.js';

// $mi: OpenSIPS numbers messages per process; we number them the first time one is asked.
const messageIds = new WeakMap<SipMessage, number>();
let nextMessageId = 1;

const num = (v: MaybeValue): number | undefined => (v === null ? undefined : v.i ?? (v.s !== undefined && /^-?\d+$/.test(v.s.trim()) ? Number(v.s) : undefined));

export const processPvars: readonly PvarSpec[] = [
  pvar({ name: 'si', inner: 'none', doc: 'source IP (0.0.0.0 for the dummy message)', get: (ctx) => str(ctx.inbound?.source.address ?? '0.0.0.0') }),
  pvar({ name: 'sp', inner: 'none', doc: 'source port', get: (ctx) => int(ctx.inbound?.source.port ?? 0) }),
  pvar({
    name: 'socket_in', inner: 'optional', doc: 'receiving socket (proto:ip:port) or one field of it',
    get: (ctx, field) => {
      const s = ctx.inbound?.local;
      if (!s) return null;
      switch (field) {
        case undefined: return str(`${s.proto.toLowerCase()}:${s.address}:${s.port}`);
        case 'ip': return str(s.address);
        case 'port': return int(s.port);
        case 'proto': return str(s.proto.toLowerCase());
        case 'advertised_ip': return s.advertised ? str(s.advertised.host) : null;
        case 'advertised_port': return s.advertised?.port !== undefined ? int(s.advertised.port) : null;
        case 'tag': return s.tag ? str(s.tag) : null;
        case 'anycast': return int(0);
        case 'af': return str(s.family === 'IPv6' ? 'INET6' : 'INET');
        default: return null;
      }
    },
  }),
  pvar({ name: 'Ts', inner: 'none', doc: 'current Unix time', get: () => int(Math.floor(Date.now() / 1000)) }),
  pvar({ name: 'Tsm', inner: 'none', doc: 'microseconds of the current second', get: () => int((Date.now() % 1000) * 1000) }),
  pvar({ name: 'TS', inner: 'none', doc: 'start-up time', get: (ctx) => int(ctx.core.startedAt) }),
  pvar({ name: 'time', inner: 'required', doc: 'local time formatted by strftime', get: (_ctx, fmt) => str(strftime(fmt ?? '', new Date())) }),
  pvar({ name: 'pp', inner: 'none', doc: 'process id', get: () => int(process.pid) }),
  pvar({
    name: 'mi', inner: 'none', doc: 'message id (per process)',
    get: (ctx) => {
      let id = messageIds.get(ctx.msg);
      if (id === undefined) messageIds.set(ctx.msg, (id = nextMessageId++));
      return int(id);
    },
  }),
  pvar({
    name: 'log_level', inner: 'none', writable: true, doc: 'current log level (writing changes it for the process)',
    get: (ctx) => int(ctx.core.log.level),
    set: (ctx, _i, v) => { const n = num(v); if (n === undefined) return false; ctx.core.log.level = n; return true; },
  }),
  pvar({
    name: 'xlog_level', inner: 'none', writable: true, doc: 'current xlog level (writing changes it for the process)',
    get: (ctx) => int(ctx.core.script.xlogLevel),
    set: (ctx, _i, v) => { const n = num(v); if (n === undefined) return false; ctx.core.script.xlogLevel = n; return true; },
  }),
];
