// sl: stateless replies (OpenSIPS modules/sl, reference/modules/signaling-sl.md part A).
// Replies leave through the core's sendReply; sl owns the stable To-tag, the statistics and
// the absorption of ACKs to its own replies.
import { defineModule, fn, arg, param } from '../../engine/modules/index.js';
import { SL_STATS, type SlStats } from './stats.js';
import { sendStateless, isReplyCode } from './send-reply.js';
import { replyError } from './reply-error.js';
import { genTotag } from './totag.js';
import { absorbAck } from './absorb-ack.js';
import type { SlState } from './state.js';
import type { SlApi } from './api.js';

export type { SlApi, SlReplyExtra, SlReplyResult } from './api.js';

export default defineModule({
  name: 'sl',
  doc: 'Sends replies without keeping transaction state. Every reply to a request gets the same To-tag (so retransmissions and their ACKs match), carries the headers queued by `append_to_reply()`, and is counted in the statistics. ACKs to these replies are absorbed before the script. Other modules (signaling, registrar) reply through its API.',
  params: {
    enable_stats: param.int({ default: 1, oneOf: [0, 1], doc: 'Count the statistics (1) or not (0). OpenSIPS removes the statistics with 0; tsips keeps them registered at 0.' }),
  },
  stats: SL_STATS,
  functions: {
    sl_send_reply: fn({
      args: [arg.int({ doc: 'code: reply status, 100..699' }), arg.str({ doc: 'reason: reason phrase' })],
      routes: ['request', 'error'],
      fixup: ([code]) => (code !== undefined && !isReplyCode(code) ? { arg: 0, message: `reply code ${code} is not in 100..699` } : undefined),
      run: (ctx, st: SlState, code, reason) => sendStateless(st, ctx, code, reason).rc,
      doc: 'Sends a stateless reply. Returns 1 when sent (and for an ACK, which is never answered), -1 on error (bad code in a variable, send failure).',
    }),
    sl_reply_error: fn({
      args: [],
      routes: ['request'],
      run: (ctx, st: SlState) => replyError(st, ctx),
      doc: 'Sends `500 Server Internal Error` statelessly and counts it in `sent_err_replies`. OpenSIPS sends a reply describing the previous internal error in its non-standard 47x codes; tsips keeps no such per-process error, so the reply is always 500. Returns 1 or -1.',
    }),
  },
  init: (ctx): SlState => {
    const st: SlState = {
      stats: ctx.stats as SlStats,
      countStats: ctx.params.enable_stats === 1,
      log: (level, message) => ctx.log(level, message),
      tagPrefix: undefined,
    };
    // The ACK of a non-2xx reply we sent statelessly ends here, before the script (OpenSIPS's
    // sl pre-script callback).
    ctx.services.hooks.claimRequest((msg) => absorbAck(st, msg));
    return st;
  },
  api: (st): SlApi => ({
    sendReply: (ctx, code, reason, extra) => sendStateless(st, ctx, code, reason, extra),
    genTotag: (ctx) => genTotag(st, ctx),
    absorbAck: (ctx) => absorbAck(st, ctx),
  }),
});
