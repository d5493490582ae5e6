// Where modules step into the core's handling of received messages before the script does:
// sl absorbs the ACKs of its own stateless replies (OpenSIPS's sl pre-script callback), tm
// will match replies to its client transactions. The server owns the lists and calls them
// in registration order (= module init order). engine/modules knows no SIP types: the
// message context is the runtime's (functions.ts MessageContext).
import type { MessageContext } from './functions.js';

/** Returns true when it handled the message: the script does not see it. */
export type MessageClaimer = (ctx: MessageContext) => boolean;

export interface MessageHooks {
  /** Every received request, after the sanity checks, before the main route. */
  claimRequest(fn: MessageClaimer): void;
  /** Every received reply, before the global onreply_route and stateless forwarding. */
  claimReply(fn: MessageClaimer): void;
}

/** The lists behind MessageHooks, for the server to run. */
export class MessageHookLists implements MessageHooks {
  readonly requests: MessageClaimer[] = [];
  readonly replies: MessageClaimer[] = [];
  claimRequest(fn: MessageClaimer): void {
    this.requests.push(fn);
  }
  claimReply(fn: MessageClaimer): void {
    this.replies.push(fn);
  }
}
