// Reply lumps: header lines (and a body) the script queued for the local replies to the
// current request (OpenSIPS add_lump_rpl: sipmsgops append_to_reply / append_time /
// append_body_to_reply, registrar's Contact list). They belong to the message, not to one
// module, because every module that answers locally (sl, tm, registrar) must write them and
// a module may not reach into another one's files. As in OpenSIPS, queuing never sends and
// sending does not consume them: every later local reply to the request carries them.
import type { MessageContextShape } from './message-context.js';

export interface ReplyLumps {
  /** Header lines in insertion order, as [name, value]. */
  readonly headers: [string, string][];
  /** Body for the reply (append_body_to_reply); its Content-Type comes from a header lump. */
  body: string | undefined;
}

const KEY = 'core:reply_lumps';

type Ctx = Pick<MessageContextShape, 'moduleData'>;

/** The lumps queued so far; undefined when none (the common case costs no allocation). */
export function replyLumps(ctx: Ctx): ReplyLumps | undefined {
  return ctx.moduleData.get(KEY) as ReplyLumps | undefined;
}

function lumpsOf(ctx: Ctx): ReplyLumps {
  let l = replyLumps(ctx);
  if (!l) ctx.moduleData.set(KEY, (l = { headers: [], body: undefined }));
  return l;
}

export function addReplyHeader(ctx: Ctx, name: string, value: string): void {
  lumpsOf(ctx).headers.push([name, value]);
}

/** A later call appends to the body already queued, like OpenSIPS's body lumps. */
export function addReplyBody(ctx: Ctx, body: string): void {
  const l = lumpsOf(ctx);
  l.body = (l.body ?? '') + body;
}
