// NOTIFYs of pua's subscriptions (RFC 6665 4.1.3; reference 8 #7-#8): the dialog is found by
// exact Call-ID and tags, the remote target follows the NOTIFY's Contact, and
// Subscription-State is applied: an expiry shortened by the notifier moves the refresh
// earlier; `terminated` ends the subscription and, when its reason invites it, starts a new
// one. The script sends the reply.
import { LogLevel } from '../../engine/core/log.js';
import type { SipMessage, SubscriptionState } from '../../engine/sip/index.js';
import { restart } from './subscribe.js';
import type { Pua } from './pua.js';
import type { NotifyOutcome } from './api.js';
import type { Subscription } from './record.js';

/** Seconds before re-subscribing after probation/giveup without a retry-after. */
const DEFAULT_RETRY_SEC = 30;

/** One outcome per message: pua_update_contact() and reginfo_handle_notify() in one route
 *  apply a NOTIFY once. */
const outcomes = new WeakMap<SipMessage, NotifyOutcome>();

export function handleNotify(pua: Pua, msg: SipMessage): NotifyOutcome {
  let o = outcomes.get(msg);
  if (!o) outcomes.set(msg, (o = applyNotify(pua, msg)));
  return o;
}

function applyNotify(pua: Pua, msg: SipMessage): NotifyOutcome {
  if (msg.method !== 'NOTIFY') return { code: 400 };
  let s: Subscription | undefined;
  let state: SubscriptionState | undefined;
  let ourTag: string | undefined;
  let peerTag: string | undefined;
  try {
    ourTag = msg.to?.tag;
    peerTag = msg.from?.tag;
    s = pua.table.byDialog(msg.callId);
    state = msg.subscriptionState;
  } catch (e) {
    pua.log(LogLevel.NOTICE, `NOTIFY ${msg.callId}: ${(e as Error).message}`);
    return { code: 400 };
  }
  // Exact comparison (OpenSIPS compares prefixes, reference 8 #8); a NOTIFY from another
  // fork of the SUBSCRIBE (a different peer tag) is not this dialog.
  if (!s || !ourTag || s.fromTag !== ourTag || (s.toTag !== undefined && s.toTag !== peerTag) || !peerTag) {
    pua.stats.notify_unmatched.inc();
    return { code: 481 };
  }
  pua.stats.notify_matched.inc();
  let changed = false;
  if (s.toTag === undefined) { // the NOTIFY overtook the 200 (RFC 6665 4.1.2.4)
    s.toTag = peerTag;
    changed = true;
  }
  const contact = safeContact(msg);
  if (contact && contact !== s.remoteTarget) {
    s.remoteTarget = contact;
    changed = true;
  }
  if (!state) {
    if (changed) pua.changed(s);
    return { code: 200, subscription: s };
  }
  if (state.state === 'terminated') {
    const reason = state.reason?.toLowerCase();
    pua.remove(s);
    const retryAfter = state.retryAfter;
    let resubscribing = false;
    if (!s.ending) {
      // RFC 6665 4.1.3: deactivated/timeout: at once; probation/giveup: after retry-after;
      // rejected/noresource/invariant: never; no or unknown reason: only when told when.
      if (reason === 'deactivated' || reason === 'timeout') resubscribing = true;
      else if (reason === 'probation' || reason === 'giveup') resubscribing = true;
      else if (reason !== 'rejected' && reason !== 'noresource' && reason !== 'invariant' && retryAfter !== undefined) resubscribing = true;
      if (resubscribing) {
        const delay = reason === 'deactivated' || reason === 'timeout' ? 0 : retryAfter ?? DEFAULT_RETRY_SEC;
        restart(pua, s, delay);
      }
    }
    pua.report(s, { code: 200, reason: `terminated${reason ? `;reason=${reason}` : ''}`, expires: 0 });
    return { code: 200, subscription: s, state: 'terminated', resubscribing };
  }
  if (state.expires !== undefined) {
    const until = pua.nowSec() + state.expires;
    if (until < s.expires && !s.inFlight) {
      s.expires = until;
      changed = true;
      pua.arm(s, state.expires);
    }
  }
  if (changed) pua.changed(s);
  return { code: 200, subscription: s, state: state.state };
}

function safeContact(msg: SipMessage): string | undefined {
  try {
    return msg.contacts[0]?.uri;
  } catch {
    return undefined;
  }
}
