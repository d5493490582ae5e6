// The transaction table and the keys requests are matched with (RFC 3261 17.2.3; tm.md 7.1).
// RFC 3261 requests (branch with the magic cookie) match on branch + sent-by + method, with
// ACK matching its INVITE and CANCEL kept apart (it finds its INVITE through `original`).
// Older requests fall back to Call-ID, CSeq number, From tag and method, compared with
// parsed fields rather than raw bytes (tm.md 8 #7). ACKs to 2xx replies are new
// transactions; they are recognised by dialog (Call-ID, CSeq number, From tag).
import { BRANCH_COOKIE, type SipMessage } from '../../engine/sip/index.js';
import type { Transaction } from './transaction.js';

export class TxTable {
  private next = 1;
  readonly byId = new Map<number, Transaction>();
  private readonly byKey = new Map<string, Transaction>();
  private readonly byDialog = new Map<string, Transaction>();

  newId(): number {
    const id = this.next;
    this.next = id >= 0x7fffffff ? 1 : id + 1;
    return id;
  }

  get size(): number {
    return this.byId.size;
  }

  add(tx: Transaction): void {
    this.byId.set(tx.id, tx);
    if (tx.key !== undefined) this.byKey.set(tx.key, tx);
    if (tx.isInvite && !tx.isLocal) {
      const d = dialogKey(tx.req);
      if (d !== undefined) this.byDialog.set(d, tx);
    }
  }

  remove(tx: Transaction): void {
    this.byId.delete(tx.id);
    if (tx.key !== undefined && this.byKey.get(tx.key) === tx) this.byKey.delete(tx.key);
    if (tx.isInvite && !tx.isLocal) {
      const d = dialogKey(tx.req);
      if (d !== undefined && this.byDialog.get(d) === tx) this.byDialog.delete(d);
    }
  }

  /** The server transaction a received request belongs to (ACK: its INVITE's). */
  lookup(msg: SipMessage, key = lookupKey(msg)): Transaction | undefined {
    return this.byKey.get(key);
  }

  /** The INVITE transaction a CANCEL refers to (OpenSIPS t_lookupOriginalT). */
  original(cancel: SipMessage): Transaction | undefined {
    return this.byKey.get(serverKey(cancel, 'INVITE'));
  }

  /** The INVITE transaction an end-to-end ACK (to a 2xx) belongs to. */
  ackedInvite(ack: SipMessage): Transaction | undefined {
    const d = dialogKey(ack);
    return d === undefined ? undefined : this.byDialog.get(d);
  }

  all(): IterableIterator<Transaction> {
    return this.byId.values();
  }
}

/** The key a received request is looked up with (an ACK looks for its INVITE). */
export function lookupKey(msg: SipMessage): string {
  const method = msg.method;
  return serverKey(msg, method === 'ACK' ? 'INVITE' : method);
}

export function serverKey(msg: SipMessage, method: string): string {
  const via = msg.via;
  const branch = via?.branch;
  const sentBy = via ? `${via.host.toLowerCase()}:${via.port ?? ''}` : '';
  if (branch !== undefined && branch.startsWith(BRANCH_COOKIE)) return `${branch}\n${sentBy}\n${method}`;
  return `2543\n${msg.callId}\n${msg.cseq.seq}\n${msg.from?.tag ?? ''}\n${sentBy}\n${method}`;
}

function dialogKey(msg: SipMessage): string | undefined {
  const tag = msg.from?.tag;
  return tag === undefined ? undefined : `${msg.callId}\n${msg.cseq.seq}\n${tag}`;
}
