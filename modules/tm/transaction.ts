// The state tm keeps per request (OpenSIPS's "cell"): the server side towards the sender
// (last reply, its retransmissions, where replies go) and one client branch per
// destination the request was sent to. Plain data; the behaviour is in uas.ts, uac.ts,
// relay.ts and reply-in.ts.
import { parseMessage, type SipMessage } from '../../engine/sip/index.js';
import type { InboundMessage, ListenSocket, SendTarget } from '../../engine/transport/index.js';
import type { Value } from '../../engine/script/value.js';
import type { TimerEntry } from '../../engine/core/timer-queue.js';

/** Where a message goes: address, and the socket and connection to send from. */
export interface Hop {
  readonly target: SendTarget;
  readonly local: ListenSocket | undefined;
  readonly connectionId?: number;
}

export type CancelState = 'none' | 'pending' | 'sent';

export class ClientBranch {
  /** Last status received on this branch (0: nothing yet); 408 when the timer fired. */
  status = 0;
  final = false;
  /** A provisional reply arrived (a CANCEL may be sent; INVITE FR becomes fr_inv). */
  provisional = false;
  /** The final status was made up here (timeout), not received. */
  localFinal = false;
  retransTimer: TimerEntry | undefined = undefined;
  retransInterval = 0;
  frTimer: TimerEntry | undefined = undefined;
  cancel: CancelState = 'none';
  cancelBuf: Buffer | undefined = undefined;
  cancelTimer: TimerEntry | undefined = undefined;
  cancelInterval = 0;
  /** A received negative final reply as it would be relayed (our Via off, onreply edits in). */
  relayBuf: Buffer | undefined = undefined;
  /** The hop-by-hop ACK sent for a negative final reply, resent when the reply is. */
  ackBuf: Buffer | undefined = undefined;

  constructor(
    readonly index: number,
    /** Request-URI the branch was sent with. */
    readonly uri: string,
    readonly dstUri: string | undefined,
    readonly hop: Hop,
    readonly reliable: boolean,
    /** The request as sent (our Via on top). */
    readonly buf: Buffer,
    /** Serial-forking round (0 = from the request route, n = n-th failure_route). */
    readonly round: number,
    readonly onReply: string | undefined,
    readonly flags: number,
  ) {}
}

export type UasPhase = 'proceeding' | 'completed' | 'confirmed' | 'terminated';

/** Script state carried from the request route into failure/onreply/branch routes. */
export interface ScriptCarry {
  flags: number;
  avps: Map<string, Value[]>;
  ruri: string;
  dstUri: string | undefined;
  branchFlags: number;
}

export class Transaction {
  // ---- client side ----
  readonly branches: ClientBranch[] = [];
  round = 0;
  onFailure: string | undefined = undefined;
  onReply: string | undefined = undefined;
  onBranch: string | undefined = undefined;
  /** The caller CANCELled this INVITE. */
  cancelled = false;
  /** A 6xx won: no new branches (RFC 3261 16.7 step 5). */
  blocked = false;
  /** A failure_route is running: replies it sends or branches it adds belong to it. */
  inFailureRoute = false;
  /** Some branch received any reply at all. */
  anyReply = false;
  /** The request after the request route's edits (no Via of ours): new branches start here. */
  base: Buffer | undefined = undefined;
  carry: ScriptCarry | undefined = undefined;

  // ---- server side ----
  /** Last status sent upstream (0: none). */
  uasStatus = 0;
  uasReply: Buffer | undefined = undefined;
  /** The last reply sent upstream was generated here (t_reply, timeout), not relayed. */
  uasLocal = false;
  uasPhase: UasPhase = 'proceeding';
  uasRetransTimer: TimerEntry | undefined = undefined;
  uasRetransInterval = 0;
  /** Wait-for-ACK (Timer H) or wait (Timers I/J) before the transaction is removed. */
  endTimer: TimerEntry | undefined = undefined;
  toTag: string | undefined = undefined;

  frMs: number;
  frInvMs: number;
  deleted = false;

  // ---- local requests (UAC API) ----
  localDone: ((code: number, reply: SipMessage | undefined) => void) | undefined = undefined;
  localProvisional: ((reply: SipMessage) => void) | undefined = undefined;

  private request: SipMessage | Buffer;

  constructor(
    readonly id: number,
    /** The request as received, or the bytes of one built here (a local request): those are
     *  parsed only if something asks, since a completed transaction is kept for wt_timer
     *  and thousands of parsed copies of our own PUBLISHes would only feed the collector. */
    request: SipMessage | Buffer,
    readonly method: string,
    /** undefined for a local request. */
    readonly inbound: InboundMessage | undefined,
    /** Where replies go upstream (undefined for a local request). */
    readonly upstream: Hop | undefined,
    /** Key in the server table (undefined for local requests). */
    readonly key: string | undefined,
    frMs: number,
    frInvMs: number,
  ) {
    this.request = request;
    this.frMs = frMs;
    this.frInvMs = frInvMs;
  }

  get req(): SipMessage {
    const r = this.request;
    return Buffer.isBuffer(r) ? (this.request = parseMessage(r)) : r;
  }

  get isInvite(): boolean {
    return this.method === 'INVITE';
  }
  get isLocal(): boolean {
    return this.inbound === undefined;
  }
}
