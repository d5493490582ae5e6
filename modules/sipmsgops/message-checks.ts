// The read-only tests on the received message: is_method, has_totag, is_present_hf. They see
// the message as received: headers added or removed by the script are not reflected (OpenSIPS
// edits are lumps applied when the message is sent).
import type { MessageContext } from '../../engine/core/message-context.js';
import { LogLevel } from '../../engine/core/log.js';
import { cachedMethodList } from './method-list.js';
import type { SipmsgopsState } from './state.js';

export function isMethod(st: SipmsgopsState, ctx: MessageContext, list: string): number {
  const m = cachedMethodList(st.methodLists, list);
  if (typeof m === 'string') {
    st.log(LogLevel.ERR, `is_method: ${m}`);
    return -1;
  }
  let method: string;
  try {
    method = ctx.msg.method; // for a reply: the method of its CSeq
  } catch {
    return -1;
  }
  return m.has(method.toUpperCase()) ? 1 : -1;
}

/** The usual "in-dialog request" test: To has a non-empty tag. */
export function hasTotag(ctx: MessageContext): number {
  try {
    const tag = ctx.msg.to?.tag;
    return tag ? 1 : -1;
  } catch {
    return -1; // a To that does not parse has no usable tag
  }
}

export function isPresentHf(ctx: MessageContext, name: string): number {
  return name !== '' && ctx.msg.hasHeader(name) ? 1 : -1;
}
