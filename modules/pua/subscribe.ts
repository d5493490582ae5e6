// SUBSCRIBE (RFC 6665; reference 7.2 and 8 #7-#8): an initial SUBSCRIBE creates the dialog,
// in-dialog ones refresh it or end it (Expires: 0). A 481 to a refresh means the notifier
// lost the subscription: a new one starts at once. The dialog (Call-ID, tags, CSeq, route
// set, remote target) is kept per record and follows the NOTIFYs (notify.ts).
import { generateCallId, generateTag } from '../../engine/sip/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { INSERT_TYPE, XMPP_INITIAL_SUBS, XMPP_SUBSCRIBE } from './flags.js';
import { parseExtraHeaders } from './extra-headers.js';
import { recordKey, type Subscription, type PuaReply } from './record.js';
import type { Pua } from './pua.js';
import type { SubsInfo } from './api.js';
import type { SipMessage } from '../../engine/sip/index.js';

/** Seconds an ended subscription stays to match the final NOTIFY (reference 7.2). */
export const LINGER_SEC = 5;

interface SubscribeJob {
  readonly expires: number;
  /** Started by the API user (callbacks run for every final reply) or by pua itself. */
  readonly internal: boolean;
  readonly retried423?: boolean;
}

export async function sendSubscribe(pua: Pua, s: SubsInfo): Promise<number> {
  const ev = pua.events.get(s.event);
  if (!ev) {
    pua.log(LogLevel.ERR, `SUBSCRIBE to ${s.presUri}: event flag ${s.event} is not registered`);
    return -1;
  }
  try {
    parseExtraHeaders(s.extraHeaders);
  } catch (e) {
    pua.log(LogLevel.ERR, `SUBSCRIBE to ${s.presUri}: ${(e as Error).message}`);
    return -1;
  }
  const flag = s.sourceFlag === XMPP_INITIAL_SUBS ? XMPP_SUBSCRIBE : s.sourceFlag;
  const toUri = s.toUri ?? s.presUri;
  const ident = { kind: 'subscribe', presUri: s.presUri, id: s.id ?? '', flag, event: s.event, watcherUri: s.watcherUri, toUri } as const;
  const key = recordKey(ident);
  let r = s.flag === INSERT_TYPE ? undefined : pua.table.get(key) as Subscription | undefined;
  if (!r && s.flag !== INSERT_TYPE && pua.cluster) {
    r = await pua.cluster.loadOne(ident) as Subscription | undefined; // the one held, if it came meanwhile
  }
  if (r && s.internalUpdateFlag) return 0;
  const expires = pua.wireExpires(s.expires);
  const now = pua.nowSec();
  if (r && !r.inFlight && r.expires > 0 && r.expires <= now) {
    pua.remove(r);
    r = undefined;
  }
  if (!r) {
    r = newSubscription(pua, s, flag, toUri, expires === 0 ? now : now + expires);
    pua.table.add(r);
    subscribeInitial(pua, r, { expires, internal: false });
    return 0;
  }
  if (s.extraHeaders !== undefined) r.extraHeaders = s.extraHeaders;
  if (s.cbParam !== undefined) r.cbParam = s.cbParam;
  r.desiredExpires = expires === 0 ? now : now + expires;
  if (r.inFlight || !r.toTag) {
    r.queuedExpires = expires;
    return 0;
  }
  subscribeInDialog(pua, r, { expires, internal: false });
  return 0;
}

function newSubscription(pua: Pua, s: Pick<SubsInfo, 'id' | 'presUri' | 'event' | 'watcherUri' | 'contact' | 'extraHeaders' | 'outboundProxy' | 'cbParam' | 'remoteTarget'>,
  flag: number, toUri: string, desired: number): Subscription {
  return {
    kind: 'subscribe', id: s.id ?? '', presUri: s.presUri, event: s.event, flag, expires: 0, desiredExpires: desired,
    extraHeaders: s.extraHeaders ?? '', outboundProxy: s.outboundProxy, version: 0, sharingTag: pua.cfg.sharingTag, cbParam: s.cbParam,
    dbId: undefined, inFlight: false, timer: undefined, live: false,
    watcherUri: s.watcherUri, toUri, contact: s.contact, callId: undefined, fromTag: undefined, toTag: undefined, cseq: 0,
    routeSet: [], remoteTarget: s.remoteTarget, queuedExpires: undefined, ending: false,
  };
}

/** The timer: refresh while wanted, else end (and forget after the final NOTIFY's grace). */
export function subscriptionDue(pua: Pua, r: Subscription): void {
  if (r.inFlight) return;
  if (r.ending) pua.remove(r);
  else if (pua.wantsRefresh(r)) subscribeInDialog(pua, r, { expires: pua.refreshExpires(r), internal: true });
  else subscribeInDialog(pua, r, { expires: 0, internal: true });
}

function headersOf(pua: Pua, r: Subscription, expires: number): [string, string][] {
  return [['Event', pua.events.get(r.event)!.name], ['Contact', `<${r.contact}>`], ['Expires', String(expires)], ...parseExtraHeaders(r.extraHeaders)];
}

export function subscribeInitial(pua: Pua, r: Subscription, job: SubscribeJob): void {
  const old = r.callId;
  r.callId = generateCallId(pua.localHost());
  r.fromTag = generateTag();
  r.toTag = undefined;
  r.cseq = 1;
  r.routeSet = [];
  pua.table.indexDialog(r, old);
  r.inFlight = true;
  pua.stats.subscribe_sent.inc();
  pua.tm.request({
    method: 'SUBSCRIBE', ruri: r.remoteTarget ?? r.presUri, from: `<${r.watcherUri}>`, to: `<${r.toUri}>`,
    headers: headersOf(pua, r, job.expires), outboundProxy: r.outboundProxy,
    dialog: { callId: r.callId, fromTag: r.fromTag, cseq: r.cseq },
  }).then((res) => initialReplied(pua, r, job, res.code, res.reason, res.reply), (e: unknown) => {
    pua.log(LogLevel.ERR, `SUBSCRIBE to ${r.presUri} not sent: ${(e as Error).message}`);
    initialReplied(pua, r, job, 503, 'Not Sent', undefined);
  });
}

function initialReplied(pua: Pua, r: Subscription, job: SubscribeJob, code: number, reason: string, reply: SipMessage | undefined): void {
  r.inFlight = false;
  if (!r.live) return;
  if (code >= 200 && code < 300 && reply) {
    const granted = reply.expires ?? job.expires;
    r.toTag ??= reply.to?.tag;
    r.remoteTarget = reply.contacts[0]?.uri ?? r.remoteTarget;
    // RFC 3261 12.1.2: the UAC's route set is the Record-Route list in reverse.
    r.routeSet = reply.headerValues('record-route').reverse();
    if (granted === 0 || !r.toTag) {
      pua.remove(r); // a fetch, or no dialog to keep
      done(pua, r, job, { code, reason, expires: 0 });
      return;
    }
    r.remoteTarget ??= r.presUri;
    confirmed(pua, r, job, granted, code, reason);
    queued(pua, r);
    return;
  }
  const retry = retryExpires(job, code, reply);
  if (retry !== undefined) {
    subscribeInitial(pua, r, { ...job, expires: retry, retried423: true });
    return;
  }
  pua.stats.subscribe_failed.inc();
  pua.log(LogLevel.NOTICE, `SUBSCRIBE to ${r.presUri} for ${r.watcherUri}: ${code} ${reason}`);
  pua.remove(r);
  done(pua, r, job, { code, reason });
}

export function subscribeInDialog(pua: Pua, r: Subscription, job: SubscribeJob): void {
  r.inFlight = true;
  r.cseq++;
  pua.stats.subscribe_sent.inc();
  pua.tm.request({
    method: 'SUBSCRIBE', ruri: r.remoteTarget ?? r.presUri, from: `<${r.watcherUri}>`, to: `<${r.toUri}>`,
    headers: headersOf(pua, r, job.expires), outboundProxy: r.outboundProxy,
    dialog: { callId: r.callId!, fromTag: r.fromTag!, toTag: r.toTag, cseq: r.cseq, routeSet: r.routeSet, remoteTarget: r.remoteTarget },
  }).then((res) => inDialogReplied(pua, r, job, res.code, res.reason, res.reply), (e: unknown) => {
    pua.log(LogLevel.ERR, `SUBSCRIBE to ${r.presUri} not sent: ${(e as Error).message}`);
    inDialogReplied(pua, r, job, 503, 'Not Sent', undefined);
  });
}

function inDialogReplied(pua: Pua, r: Subscription, job: SubscribeJob, code: number, reason: string, reply: SipMessage | undefined): void {
  r.inFlight = false;
  if (!r.live) return;
  if (code >= 200 && code < 300 && reply) {
    const granted = job.expires === 0 ? 0 : reply.expires ?? job.expires;
    if (reply.contacts[0]) r.remoteTarget = reply.contacts[0].uri;
    if (granted === 0) {
      // Kept a few seconds so the final NOTIFY still finds its dialog.
      r.ending = true;
      r.expires = pua.nowSec() + LINGER_SEC;
      pua.scheduleAt(r, r.expires, (x) => pua.remove(x));
      done(pua, r, job, { code, reason, expires: 0 });
    } else {
      confirmed(pua, r, job, granted, code, reason);
    }
    queued(pua, r);
    return;
  }
  const retry = retryExpires(job, code, reply);
  if (retry !== undefined) {
    subscribeInDialog(pua, r, { ...job, expires: retry, retried423: true });
    return;
  }
  pua.stats.subscribe_failed.inc();
  pua.log(LogLevel.NOTICE, `in-dialog SUBSCRIBE to ${r.presUri} for ${r.watcherUri}: ${code} ${reason}`);
  pua.remove(r);
  done(pua, r, job, { code, reason });
  // The notifier no longer knows the dialog (481 and other errors, not a timeout:
  // reference 7.2): start a new subscription for the time still wanted.
  const stillWanted = job.expires > 0 || r.queuedExpires !== undefined && r.queuedExpires > 0;
  if (reply && stillWanted) restart(pua, r);
}

/** A 2xx granted `granted` seconds: the new expiry is stored and the refresh armed. */
function confirmed(pua: Pua, r: Subscription, job: SubscribeJob, granted: number, code: number, reason: string): void {
  r.expires = pua.nowSec() + granted;
  pua.changed(r);
  pua.arm(r, granted);
  done(pua, r, job, { code, reason, expires: granted });
}

/** The Expires to ask again with after a 423 (once), or undefined. */
function retryExpires(job: SubscribeJob, code: number, reply: SipMessage | undefined): number | undefined {
  const min = code === 423 && !job.retried423 ? reply?.minExpires : undefined;
  return min !== undefined && min > job.expires ? min : undefined;
}

/** A new subscription in place of one the notifier ended or forgot. */
export function restart(pua: Pua, r: Subscription, delaySec = 0): void {
  const now = pua.nowSec();
  const expires = r.desiredExpires === 0 ? pua.cfg.defaultExpires : Math.max(r.desiredExpires - now + 3, pua.cfg.minExpires);
  if (r.desiredExpires !== 0 && r.desiredExpires <= now) return;
  const fresh = newSubscription(pua, { ...r, remoteTarget: undefined }, r.flag, r.toUri, r.desiredExpires);
  const go = () => {
    if (pua.table.get(recordKey(fresh))) return; // the user subscribed again meanwhile
    pua.table.add(fresh);
    subscribeInitial(pua, fresh, { expires, internal: true });
  };
  if (delaySec <= 0) go();
  else pua.timers.after(delaySec * 1000, go);
}

/** A sendSubscribe that came while a SUBSCRIBE was on the wire. */
function queued(pua: Pua, r: Subscription): void {
  const q = r.queuedExpires;
  if (q === undefined || !r.live) return;
  r.queuedExpires = undefined;
  r.ending = false;
  subscribeInDialog(pua, r, { expires: q, internal: false });
}

function done(pua: Pua, r: Subscription, job: SubscribeJob, reply: PuaReply): void {
  if (!job.internal || reply.code >= 300) pua.report(r, reply);
}
