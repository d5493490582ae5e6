// The request's Max-Forwards value as maxfwd sees it: parsed once, then the decremented value
// (OpenSIPS caches it on the message and writes the decrement into the received buffer, so
// later calls see the new value). tsips never writes into the received bytes; the value
// lives in the message context and the header is rewritten through the message editor.
import type { MessageContext } from '../../engine/core/message-context.js';

export interface MaxFwdState {
  /** The current value; undefined when the request has no Max-Forwards; NaN when unparsable. */
  value: number | undefined;
  /** We added the header ourselves (it stays "absent" for later checks, as in OpenSIPS). */
  added: boolean;
}

const KEY = 'maxfwd:value';
/** OpenSIPS accepts 0..65535 before clamping to max_limit. */
const MAX_PARSED = 65535;

function parseValue(raw: string): number {
  const t = raw.trim();
  if (!/^[0-9]{1,5}$/.test(t)) return NaN;
  const n = Number(t);
  return n <= MAX_PARSED ? n : NaN;
}

export function maxFwdState(ctx: MessageContext): MaxFwdState {
  let s = ctx.moduleData.get(KEY) as MaxFwdState | undefined;
  if (!s) {
    const raw = ctx.msg.header('max-forwards');
    s = { value: raw === undefined ? undefined : parseValue(raw), added: false };
    ctx.moduleData.set(KEY, s);
  }
  return s;
}
