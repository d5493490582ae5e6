// signaling: one reply entry point for scripts and modules (OpenSIPS modules/signaling,
// reference/modules/signaling-sl.md part B): stateful through tm when the request has a
// transaction, else stateless through sl.
import { defineModule, fn, arg } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { str } from '../../engine/script/value.js';
import { sendReply, localTotag, isReplyCode } from './send-reply.js';
import { findTm } from './stateful-replier.js';
import type { SignalingState } from './state.js';
import type { SignalingApi } from './api.js';

export type { SignalingApi, SigReplyExtra, SigReplyResult } from './api.js';
export type { StatefulReplier } from './stateful-replier.js';

export default defineModule({
  name: 'signaling',
  doc: 'Sends replies for scripts and modules: through tm when the request already has a transaction, otherwise statelessly through sl. At least one of sl and tm must be loaded. No parameters and no statistics of its own (sl or tm count the reply).',
  deps: { sl: 'optional', tm: 'optional' },
  functions: {
    send_reply: fn({
      args: [arg.int({ doc: 'code: reply status, 100..699' }), arg.str({ doc: 'reason: reason phrase' })],
      routes: ['request', 'failure', 'error'],
      fixup: ([code]) => (code !== undefined && !isReplyCode(code) ? { arg: 0, message: `reply code ${code} is not in 100..699` } : undefined),
      run: (ctx, st: SignalingState, code, reason) => sendReply(st, ctx, code, reason).rc,
      doc: 'Replies to the current request: statefully when it has a transaction (never creating one), otherwise statelessly. Returns 1 when sent, -1 on error.',
    }),
  },
  pvars: {
    sig_local_totag: {
      doc: 'The To-tag the next local reply to the current request would carry: tm\'s when the request has a transaction, else sl\'s. NULL for a reply.',
      get: (ctx, st: SignalingState) => {
        const tag = ctx.msg.isRequest ? localTotag(st, ctx) : undefined;
        return tag === undefined ? null : str(tag);
      },
    },
  },
  init: (ctx): SignalingState => {
    const log = (level: number, message: string) => ctx.log(level, message);
    const sl = ctx.api('sl');
    const tm = findTm(ctx.api('tm'), (m) => log(LogLevel.WARN, m));
    if (!sl && !tm) throw new Error('signaling needs sl or tm: add loadmodule "sl.so"');
    return { sl, tm, log };
  },
  api: (st): SignalingApi => ({
    sendReply: (ctx, code, reason, extra) => sendReply(st, ctx, code, reason, extra),
    genTotag: (ctx) => localTotag(st, ctx),
  }),
});
