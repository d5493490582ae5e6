// tm's parameters as the transaction code uses them: every time in milliseconds.
export interface TmConfig {
  /** fr_timeout: final reply (any request), and the ACK of a negative INVITE reply (Timer B/F/H). */
  frMs: number;
  /** fr_inv_timeout: final reply after a provisional to an INVITE (Timer C). */
  frInvMs: number;
  restartFrOnEachReply: boolean;
  /** wt_timer: a completed transaction absorbs retransmissions this long (Timers D/I/J/K;
   *  J and K are zero over TCP: see endCompleted). */
  waitMs: number;
  t1Ms: number;
  t2Ms: number;
  auto100: boolean;
  disable6xxBlock: boolean;
  onreplyAvpMode: 0 | 1;
  passProvisional: boolean;
  /** RFC 3261 Timer A: INVITE request retransmissions double without the T2 cap (tm.md 8 #1);
   *  0 keeps OpenSIPS's capped schedule. */
  rfcInviteRetransmissions: boolean;
}

export interface TmParamValues {
  readonly fr_timeout: number;
  readonly fr_inv_timeout: number;
  readonly restart_fr_on_each_reply: number;
  readonly wt_timer: number;
  readonly T1_timer: number;
  readonly T2_timer: number;
  readonly auto_100trying: number;
  readonly disable_6xx_block: number;
  readonly onreply_avp_mode: number;
  readonly pass_provisional_replies: number;
  readonly rfc_invite_retransmissions: number;
}

export function tmConfig(p: TmParamValues): TmConfig {
  if (p.T2_timer <= p.T1_timer) throw new Error(`T2_timer (${p.T2_timer} ms) must be greater than T1_timer (${p.T1_timer} ms)`);
  return {
    frMs: p.fr_timeout * 1000,
    frInvMs: p.fr_inv_timeout * 1000,
    restartFrOnEachReply: p.restart_fr_on_each_reply !== 0,
    waitMs: p.wt_timer * 1000,
    t1Ms: p.T1_timer,
    t2Ms: p.T2_timer,
    auto100: p.auto_100trying !== 0,
    disable6xxBlock: p.disable_6xx_block !== 0,
    onreplyAvpMode: p.onreply_avp_mode === 1 ? 1 : 0,
    passProvisional: p.pass_provisional_replies !== 0,
    rfcInviteRetransmissions: p.rfc_invite_retransmissions !== 0,
  };
}
