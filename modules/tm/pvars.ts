// tm's pseudo-variables (tm.md 5).
import type { PvarDecl } from '../../engine/modules/index.js';
import { int, str, leadingInt } from '../../engine/script/value.js';
import { peekTmData, tmData } from './msg-data.js';
import { statusInScope } from './script-functions.js';
import type { TmState } from './state.js';

export const TM_PVARS: Record<string, PvarDecl<TmState>> = {
  T_reply_code: {
    doc: 'The reply code in scope: request route, the last reply sent upstream; onreply_route, the reply; failure_route, the winning code. 0 when none.',
    get: (ctx) => int(statusInScope(ctx)),
  },
  T_branch_idx: {
    doc: 'The branch index: the branch being built (branch_route), the reply\'s branch (onreply_route), the winning branch (failure_route); NULL elsewhere.',
    get: (ctx) => {
      const d = peekTmData(ctx);
      const idx = d?.building?.index ?? d?.branch?.index ?? d?.winner?.index;
      return idx === undefined ? null : int(idx);
    },
  },
  T_ruri: {
    doc: 'The Request-URI of the current branch (branch_route, onreply_route); the request\'s R-URI elsewhere.',
    get: (ctx) => {
      const d = peekTmData(ctx);
      return str(d?.building?.uri ?? d?.branch?.uri ?? ctx.newRuri ?? (ctx.msg.isRequest ? ctx.msg.ruri : ''));
    },
  },
  T_id: {
    doc: 'The transaction id, in hex; NULL without a transaction.',
    get: (ctx) => {
      const tx = peekTmData(ctx)?.tx;
      return tx ? str(tx.id.toString(16)) : null;
    },
  },
  T_fr_timeout: {
    doc: 'fr_timeout of this transaction in seconds; writable (NULL restores the module value). Set before t_relay to take effect on its branches.',
    writable: true,
    get: (ctx, st) => int(Math.round((peekTmData(ctx)?.tx?.frMs ?? st.cfg.frMs) / 1000)),
    set: (ctx, st, _inner, v) => setTimeoutVar(ctx, st, 'frMs', v),
  },
  T_fr_inv_timeout: {
    doc: 'fr_inv_timeout of this transaction in seconds; writable (NULL restores the module value), also in onreply_route.',
    writable: true,
    get: (ctx, st) => int(Math.round((peekTmData(ctx)?.tx?.frInvMs ?? st.cfg.frInvMs) / 1000)),
    set: (ctx, st, _inner, v) => setTimeoutVar(ctx, st, 'frInvMs', v),
  },
};

function setTimeoutVar(ctx: Parameters<NonNullable<PvarDecl['set']>>[0], st: TmState, field: 'frMs' | 'frInvMs', v: import('../../engine/script/value.js').MaybeValue): boolean {
  const d = tmData(ctx);
  const ms = v === null ? st.cfg[field] : (v.i ?? leadingInt(v.s ?? '0')) * 1000;
  if (ms <= 0) return false;
  if (d.tx) d.tx[field] = ms;
  else (d.pendingTimeouts ??= {})[field] = ms;
  return true;
}
