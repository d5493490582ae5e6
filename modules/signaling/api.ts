// signaling's API (OpenSIPS load_sig_api): the one reply entry point for modules such as
// registrar and presence, stateful when the request has a transaction, else stateless.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { HeaderList } from '../../engine/sip/index.js';

/** Headers and body a module adds to its reply, after the script's reply lumps. */
export interface SigReplyExtra {
  readonly headers?: HeaderList;
  readonly body?: Buffer | string;
  readonly contentType?: string;
}

export interface SigReplyResult {
  /** 1 sent, -1 error (logged). */
  readonly rc: 1 | -1;
  /** The To-tag the reply carries: tm's when it went through a transaction, else sl's. */
  readonly toTag?: string;
}

export interface SignalingApi {
  sendReply(ctx: MessageContext, code: number, reason: string, extra?: SigReplyExtra): SigReplyResult;
  /** The To-tag the next local reply to ctx's request would carry ($sig_local_totag). */
  genTotag(ctx: MessageContext): string | undefined;
}

declare module '../../engine/modules/apis.js' {
  interface ModuleApis { signaling: SignalingApi }
}
