// What pua remembers per publication and per subscription (OpenSIPS ua_pres_t, reference
// 6.5), split by kind so a field only exists where it means something.
import type { TimerEntry } from '../../engine/core/timer-queue.js';

interface RecordBase {
  /** The caller's identifier (pua_reginfo: REGINFO_PUBLISH.<aor>@<domain>); '' when none. */
  readonly id: string;
  readonly presUri: string;
  /** Event flag (flags.ts). */
  readonly event: number;
  /** Source flag: who asked (flags.ts). */
  readonly flag: number;
  /** Absolute expiry the server granted (wall seconds); 0 until the first 2xx. */
  expires: number;
  /** Absolute time until which the user wants the state kept; 0 = for as long as tsips runs. */
  desiredExpires: number;
  /** Raw header lines (CRLF-terminated) sent with every request of this record. */
  extraHeaders: string;
  outboundProxy: string | undefined;
  /** Counts the requests sent; handed to the event's body hook. */
  version: number;
  /** Subscriptions: the dialog's. Publications: every PUBLISH of one shares a Call-ID and
   *  From tag and counts up its CSeq, as a UA does for REGISTER (RFC 3261 10.2), so a server
   *  sees one conversation, across restarts and cluster nodes too. */
  callId: string | undefined;
  fromTag: string | undefined;
  /** The CSeq of the last request sent. */
  cseq: number;
  /** The sharing tag stamped at creation (clustering): only the node where it is active
   *  refreshes and expires the record. */
  sharingTag: string | undefined;
  cbParam: unknown;
  /** The row's primary key once inserted. */
  dbId: number | undefined;
  /** A request of this record is on the wire (RFC 3903 section 4: one at a time). */
  inFlight: boolean;
  /** The next refresh or expiry. */
  timer: TimerEntry | undefined;
  /** False once removed from the table (a reply arriving later finds it gone). */
  live: boolean;
}

/** A PUBLISH waiting for the one in flight (reference 7.1 step 4). */
export interface QueuedPublish {
  readonly body: string | undefined;
  readonly contentType: string | undefined;
  readonly expires: number;
  readonly cbParam: unknown;
  readonly onReply: PublishReplyCallback | undefined;
}

export interface PuaReply {
  /** Final status; 408 when nothing came back in time. */
  readonly code: number;
  readonly reason: string;
  /** The ETag the server gave (publications). */
  readonly etag?: string;
  /** Seconds granted; 0 when the state is gone. */
  readonly expires?: number;
}

export type PublishReplyCallback = (reply: PuaReply, cbParam: unknown) => void;

export interface Publication extends RecordBase {
  readonly kind: 'publish';
  etag: string | undefined;
  tupleId: string | undefined;
  /** The last full state sent: resent as an initial PUBLISH when the server answers 412
   *  (RFC 3903 section 4.1). Not in SQL: after a restart a 412 ends the publication. */
  body: string | undefined;
  contentType: string | undefined;
  readonly queue: QueuedPublish[];
}

export interface Subscription extends RecordBase {
  readonly kind: 'subscribe';
  readonly watcherUri: string;
  /** To URI; equals presUri unless the caller gave another. */
  toUri: string;
  /** Our Contact URI. */
  readonly contact: string;
  /** Undefined until the first 2xx or NOTIFY names the peer's tag. */
  toTag: string | undefined;
  /** Route set as Route header values, in the order to send them. */
  routeSet: string[];
  /** The peer's Contact: Request-URI of in-dialog SUBSCRIBEs. */
  remoteTarget: string | undefined;
  /** Expires wanted by a sendSubscribe that came while a SUBSCRIBE was in flight. */
  queuedExpires: number | undefined;
  /** Unsubscribed: kept only until the final NOTIFY has had time to arrive. */
  ending: boolean;
}

export type PuaRecord = Publication | Subscription;

/** What identifies a record (subscriptions add the watcher and the To URI). */
export interface RecordIdent {
  readonly kind: 'publish' | 'subscribe';
  readonly presUri: string;
  readonly id: string;
  readonly flag: number;
  readonly event: number;
  readonly watcherUri?: string;
  readonly toUri?: string;
}

/** The identity shared by memory, the SQL row and cluster notices. */
export function recordKey(r: RecordIdent): string {
  return r.kind === 'publish'
    ? `p\n${r.presUri}\n${r.id}\n${r.flag}\n${r.event}`
    : `s\n${r.presUri}\n${r.id}\n${r.flag}\n${r.event}\n${r.watcherUri ?? ''}\n${r.toUri ?? r.presUri}`;
}
