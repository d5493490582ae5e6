// pua's API (the typed form of OpenSIPS's bind_pua, reference 6): what event modules such as
// pua_reginfo and pua_mi call to publish and subscribe, and to learn about replies.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { PuaRecord, PuaReply, PublishReplyCallback, Subscription } from './record.js';
import type { ProcessBody } from './events.js';

export type { PuaRecord, Publication, Subscription, PuaReply } from './record.js';
export * from './flags.js';

/** publ_info_t. */
export interface PublInfo {
  /** Unique per presentity and source flag; '' or absent when the caller has only one. */
  readonly id?: string;
  /** Request-URI, To and From of the PUBLISH. */
  readonly presUri: string;
  /** The event state; absent = refresh only. */
  readonly body?: string;
  /** Seconds: 0 removes the publication, < 0 asks for default_expires, 0 < x < min_expires
   *  becomes min_expires. */
  readonly expires: number;
  /** INSERT_TYPE (always a new publication) or UPDATE_TYPE (the existing one, if any). */
  readonly flag?: number;
  /** Source flag (UL_PUBLISH, REGINFO_PUBLISH, MI_PUBLISH ...): part of the record's key. */
  readonly sourceFlag: number;
  /** Event flag; must have been added with addEvent (the built-in ones are). */
  readonly event: number;
  /** Overrides the event's default Content-Type. */
  readonly contentType?: string;
  /** When given, the publication must exist with this ETag. */
  readonly etag?: string;
  /** Raw header lines, each ending in CRLF; kept and re-sent on refreshes. */
  readonly extraHeaders?: string;
  /** Next hop: sip:host[:port][;transport=x] or host[:port]. */
  readonly outboundProxy?: string;
  /** Called with the final outcome of this PUBLISH (publrpl_cb_t). */
  readonly onReply?: PublishReplyCallback;
  readonly cbParam?: unknown;
}

/** subs_info_t. */
export interface SubsInfo {
  readonly id?: string;
  /** Request-URI of the initial SUBSCRIBE (and To unless toUri is given). */
  readonly presUri: string;
  readonly toUri?: string;
  /** From URI. */
  readonly watcherUri: string;
  /** Our Contact URI (sent in angle brackets). */
  readonly contact: string;
  /** Request-URI when pua re-creates a failed subscription; presUri otherwise. */
  readonly remoteTarget?: string;
  readonly outboundProxy?: string;
  readonly event: number;
  readonly extraHeaders?: string;
  /** Seconds: < 0 default_expires, 0 unsubscribe (or fetch when there is no dialog). */
  readonly expires: number;
  readonly sourceFlag: number;
  /** When set and a dialog exists, nothing is sent. */
  readonly internalUpdateFlag?: boolean;
  readonly flag?: number;
  readonly cbParam?: unknown;
}

/** register_puacb's callback: the record (a copy when it is gone) and the final reply. */
export type PuaCallback = (record: PuaRecord, reply: PuaReply, param: unknown) => void;

/** What the dialog queries (is_dialog, get_record_id) take: a NOTIFY's view of a dialog. */
export interface DialogQuery {
  readonly presUri: string;
  readonly watcherUri: string;
  readonly callId: string;
  /** Our tag (the NOTIFY's To tag). */
  readonly fromTag: string;
  /** The peer's tag (the NOTIFY's From tag). */
  readonly toTag: string;
}

/** What a NOTIFY did to its subscription (handleNotify). */
export interface NotifyOutcome {
  /** 200: matched; 481: no such subscription; 400: not a usable NOTIFY. */
  readonly code: 200 | 400 | 481;
  readonly subscription?: Subscription;
  /** Subscription-State of the NOTIFY (active, pending, terminated). */
  readonly state?: string;
  /** When terminated: whether pua subscribes again (RFC 6665 4.1.3). */
  readonly resubscribing?: boolean;
}

export interface PuaApi {
  /** 0 sent or queued; < 0 an ERR_PUBLISH_* code. */
  sendPublish(p: PublInfo): Promise<number>;
  /** 0 sent (or nothing to do); -1 error. */
  sendSubscribe(s: SubsInfo): Promise<number>;
  /** 0 when a subscription with this dialog exists, -1 otherwise. */
  isDialog(d: DialogQuery): 0 | -1;
  /** The `id` of the subscription with this dialog. */
  getRecordId(d: DialogQuery): string | undefined;
  /** 1 registered; -1 when types is empty. Every source flag may be used (reference 8 #12). */
  registerPuacb(types: number, cb: PuaCallback, param?: unknown): number;
  /** 0 added, 0 when the name is already there (kept as it was), -1 on a bad flag. */
  addEvent(flag: number, name: string, contentType: string | undefined, processBody?: ProcessBody): number;
  /** The flag of an event package by its name (`presence`, `reg` ...). */
  eventFlag(name: string): number | undefined;
  /** Presentity URIs of the subscriptions whose id starts with `prefix`. */
  getSubsList(prefix: string): string[];
  /** Matches an incoming NOTIFY to its subscription, updates the remote target and applies
   *  Subscription-State (a `terminated` one ends it and, when the reason allows, subscribes
   *  again). The script still sends the reply. */
  handleNotify(ctx: MessageContext): NotifyOutcome;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { pua: PuaApi }
}
