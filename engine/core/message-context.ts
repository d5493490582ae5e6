// The per-message context: everything a route and the functions it calls know about the
// message being processed. One is made per received message (or per dummy message for
// startup/timer/event routes) and dropped when the script ends; nothing in it outlives the
// message unless a module (tm) copies it. Script functions receive it as their first
// argument (engine/modules/functions.ts MessageContext, merged below).
//
// Contract shared by engine/script (compiler, pseudo-variables, core functions),
// engine/core (the server that feeds messages in) and the modules: keep it data plus the
// few helpers every one of them needs, and put behaviour that needs sockets behind
// `core` (CoreServices).
import type { SipMessage, MessageEditor, ReplyOptions } from '../sip/index.js';
import { editMessage } from '../sip/index.js';
import type { InboundMessage, ListenSocket, SendTarget } from '../transport/index.js';
import type { RouteType } from '../modules/functions.js';
import type { MaybeValue, Value } from '../script/value.js';
import type { Logger } from './log.js';
import type { StatsRegistry } from '../stats/registry.js';

declare module '../modules/functions.js' {
  // Script functions get the full context.
  interface MessageContext extends MessageContextShape {}
}

/** A destination added by append_branch (and, later, by registrar lookup). Branch 0 is the
 *  Request-URI itself and is not in this list. */
export interface Branch {
  uri: string;
  /** q as OpenSIPS keeps it: -1 = not set, else 0..1000 (q=0.5 -> 500). */
  q: number;
  dstUri?: string;
  path?: string;
  flags: number;
  socket?: ListenSocket;
}

/** What the engine offers a message for the things that need sockets or process state.
 *  Implemented by the server (engine/core/server); tests can give a fake. */
export interface CoreServices {
  readonly log: Logger;
  /** Script-level settings the core functions read, changeable at run time ($xlog_level). */
  readonly script: { xlogLevel: number; xlogPrintLevel: number };
  readonly stats: StatsRegistry;
  /** The bound listening sockets. */
  readonly sockets: readonly ListenSocket[];
  /** Sends a stateless reply to ctx's request (RFC 3261 18.2.2 and RFC 3581 rport/received).
   *  Returns false when the reply could not be built or sent (logged already). Sending to a
   *  peer that is not reachable completes asynchronously; the result then says only that the
   *  reply was handed to the transport. */
  sendReply(ctx: MessageContext, status: number, reason: string, opts?: ReplyOptions): boolean;
  /** Stateless forwarding (core `forward()`): the request goes to `dest`, else to $du, else
   *  to the Request-URI, with our Via on top; a reply goes to the next Via. */
  forward(ctx: MessageContext, dest?: SendTarget): Promise<boolean>;
  /** `is_myself`: host (and port, 0 = any) is one of our sockets or an `alias=`. */
  isMyself(host: string, port?: number): boolean;
  /** Process start time (seconds since the epoch), for $TS and the uptime MI command. */
  readonly startedAt: number;
}

/** The fields, as an interface so engine/modules can merge it into its MessageContext. */
export interface MessageContextShape {
  readonly msg: SipMessage;
  /** Where it came from; undefined for the dummy message of startup/timer/event routes. */
  readonly inbound: InboundMessage | undefined;
  readonly core: CoreServices;
  /** The type of the top-level route running now (not of a sub-route). */
  routeType: RouteType;
  /** The Request-URI after script changes ($ru writes, seturi, ...); undefined = unchanged. */
  newRuri: string | undefined;
  /** For a reply in onreply_route: the Request-URI of the request it answers (tm sets it), so
   *  `$ru` reads it there (OpenSIPS: NULL; the pua_reginfo documentation relies on it). */
  answeredRuri: string | undefined;
  /** $du; undefined = not set. */
  dstUri: string | undefined;
  /** The Path vector of the R-URI branch (RFC 3327): set by registrar lookup(), sent as
   *  Route headers in front of the request's own. */
  pathVector?: string;
  /** Message flags as a bit mask (names mapped to bits by engine/core/flags). */
  flags: number;
  /** Branch flags of branch 0 (the R-URI branch); other branches carry theirs. */
  branchFlags: number;
  readonly branches: Branch[];
  /** $var: per message (DECISIONS.md). */
  readonly vars: Map<string, Value>;
  /** $avp: name -> values, newest first. tm moves it into the transaction. */
  avps: Map<string, Value[]>;
  /** $rc / $retcode: the last return code. */
  rc: number;
  /** Extra values of the last `return(n, v...)`, read as $return(i). */
  returnValues: MaybeValue[];
  /** Arguments of the innermost `route(name, args...)` call, read as $param(1..n); the
   *  script runtime sets and restores it around each call (optional for other shapes). */
  params?: MaybeValue[];
  /** Set when a reply was sent for this request (statelessly or by tm). */
  replied: boolean;
  /** force_rport() was called: reply to the source port whatever the Via says. */
  forceRport: boolean;
  /** add_local_rport() was called: our own Via asks for rport when the request is forwarded. */
  localRport: boolean;
  /** The script ran `drop`. */
  dropped: boolean;
  /** Edits to the message (append_hf, remove_hf, Via changes) made lazily. */
  readonly editor: MessageEditor;
  /** Per-message scratch space for modules (keyed by module name), e.g. tm's transaction. */
  readonly moduleData: Map<string, unknown>;
}

export type MessageContext = import('../modules/functions.js').MessageContext;

export class SipMessageContext implements MessageContextShape {
  routeType: RouteType;
  newRuri: string | undefined = undefined;
  answeredRuri: string | undefined = undefined;
  dstUri: string | undefined = undefined;
  flags = 0;
  branchFlags = 0;
  readonly branches: Branch[] = [];
  readonly vars = new Map<string, Value>();
  avps = new Map<string, Value[]>();
  rc = 1;
  returnValues: MaybeValue[] = [];
  params: MaybeValue[] = [];
  replied = false;
  forceRport = false;
  localRport = false;
  dropped = false;
  readonly moduleData = new Map<string, unknown>();
  private edits: MessageEditor | undefined;

  constructor(
    readonly msg: SipMessage,
    readonly inbound: InboundMessage | undefined,
    readonly core: CoreServices,
    routeType: RouteType,
  ) {
    this.routeType = routeType;
  }

  get editor(): MessageEditor {
    return (this.edits ??= editMessage(this.msg));
  }

  /** Whether anything edited the message (a forward must then serialise the edits). */
  get edited(): boolean {
    return this.edits !== undefined;
  }

  /** The Request-URI the request goes to now. */
  get ruri(): string {
    return this.newRuri ?? this.msg.ruri;
  }
}
