// append_hf / insert_hf: queue header lines on the message editor. Without an anchor,
// append_hf adds after the last header and insert_hf before the first; with one, right after
// (append) or before (insert) the first header of that name. OpenSIPS compares the anchor
// case-sensitively while remove_hf/is_present_hf do not; tsips is case-insensitive and
// accepts compact forms everywhere (RFC 3261 7.3.5, maxfwd-sipmsgops.md B.3 #2).
import type { MessageContext } from '../../engine/core/message-context.js';
import { normalizeHeaderName } from '../../engine/sip/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { parseHeaderLines } from './header-lines.js';
import type { SipmsgopsState } from './state.js';

type Where = 'append' | 'insert';

/** Index of the original header line the new lines go before; -1 when the anchor is absent. */
function position(ctx: MessageContext, where: Where, anchor: string | undefined): number {
  const msg = ctx.msg;
  if (anchor === undefined) return where === 'append' ? msg.headerCount : 0;
  const i = msg.names.indexOf(normalizeHeaderName(anchor));
  if (i < 0) return -1;
  return where === 'append' ? i + 1 : i;
}

export function addHeaderText(st: SipmsgopsState, ctx: MessageContext, where: Where, text: string, anchor?: string): number {
  const lines = parseHeaderLines(text);
  if (typeof lines === 'string') {
    st.log(LogLevel.ERR, `${where}_hf: ${lines}`);
    return -1;
  }
  const at = position(ctx, where, anchor);
  if (at < 0) return -1;
  try {
    for (const [name, value] of lines) ctx.editor.insertHeaderAt(at, name, value);
  } catch (e) {
    st.log(LogLevel.ERR, `${where}_hf: ${(e as Error).message}`);
    return -1;
  }
  return 1;
}
