// The via.* transformations: on one Via value (`SIP/2.0/UDP host:port;branch=...`), as
// $hdr(Via) gives it; with several comma-separated vias the first is read.
import { parseMessage, type Via } from '../../sip/index.js';
import { int, str, type MaybeValue } from '../value.js';
import { transform, type TransformDef } from './types.js';

const text = (v: NonNullable<MaybeValue>): string => v.s ?? String(v.i ?? '');

// engine/sip exposes Via parsing through messages only: a minimal one carrying the value.
function parsed(v: MaybeValue): Via | undefined {
  if (v === null) return undefined;
  try {
    // The sip parser does not take RFC 3261 comments; via.comment reads them from the text.
    const body = text(v).replace(/\([^)]*\)\s*$/, '').trim();
    const m = parseMessage(Buffer.from(`OPTIONS sip:x SIP/2.0\r\nVia: ${body}\r\n\r\n`));
    return m.via;
  } catch { return undefined; }
}

function part(name: string, doc: string, get: (x: Via, raw: string) => MaybeValue | string | undefined): TransformDef {
  return transform({
    name, args: [], tier: 2, doc,
    apply: (v) => {
      const x = parsed(v);
      if (!x) return null;
      const r = get(x, text(v!));
      return typeof r === 'string' ? str(r) : r === undefined ? null : r;
    },
  });
}

const paramsOf = (raw: string): string => { const k = raw.split(',')[0].indexOf(';'); return k < 0 ? '' : raw.split(',')[0].slice(k + 1).trim(); };

export const viaTransforms: readonly TransformDef[] = [
  part('via.name', 'protocol name (SIP)', () => 'SIP'),
  part('via.version', 'protocol version (2.0)', () => '2.0'),
  part('via.transport', 'transport (UDP, TCP ...)', (x) => x.transport),
  part('via.host', 'sent-by host', (x) => x.host),
  part('via.port', 'sent-by port (5060 when absent)', (x) => int(x.port ?? 5060)),
  part('via.params', 'the parameters as written', (_x, raw) => paramsOf(raw)),
  transform({
    name: 'via.param', args: [{ kind: 'str' }], tier: 2, doc: 'value of a Via parameter',
    apply: (v, [name]) => { const x = parsed(v); if (!x) return null; const p = x.params[String(name).toLowerCase()]; return p === undefined ? null : str(p ?? ''); },
  }),
  part('via.comment', 'the comment in parentheses', (_x, raw) => { const m = /\(([^)]*)\)/.exec(raw); return m ? m[1] : undefined; }),
  part('via.branch', 'branch parameter', (x) => x.branch),
  part('via.received', 'received parameter', (x) => x.received),
  part('via.rport', 'rport parameter', (x) => (x.rport === undefined ? undefined : x.rport === true ? '' : String(x.rport))),
];
