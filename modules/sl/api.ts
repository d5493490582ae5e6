// sl's API for other modules (OpenSIPS load_sl / sl_binds): signaling, registrar and
// presence send their stateless replies through it so they share the To-tag, the reply
// lumps and the statistics.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { HeaderList } from '../../engine/sip/index.js';

/** What a module adds to a reply beyond the script's lumps (registrar: Contact, Expires). */
export interface SlReplyExtra {
  readonly headers?: HeaderList;
  readonly body?: Buffer | string;
  readonly contentType?: string;
}

export interface SlReplyResult {
  /** 1 sent (also for an ACK, which is never answered), -1 error (logged). */
  readonly rc: 1 | -1;
  /** The To-tag the reply carries (or would carry). */
  readonly toTag: string;
}

export interface SlApi {
  /** Sends a stateless reply to ctx's request, counted in sl's statistics. */
  sendReply(ctx: MessageContext, code: number, reason: string, extra?: SlReplyExtra): SlReplyResult;
  /** The To-tag sl puts in its replies to ctx's request (the same for retransmissions). */
  genTotag(ctx: MessageContext): string;
  /** True for an ACK to one of our stateless replies: the caller drops it before the
   *  script (counted as received_ACKs). The server calls this for every ACK. */
  absorbAck(ctx: MessageContext): boolean;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { sl: SlApi }
}
