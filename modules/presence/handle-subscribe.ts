// handle_subscribe() (RFC 6665 section 4.2): the notifier's side of SUBSCRIBE. An initial
// SUBSCRIBE creates the watcher (our To tag, its Contact as remote target, its Record-Route
// as route set), is answered 200 with Expires and our Contact, and the current state follows
// in a NOTIFY; a refresh in the dialog updates the expiry and gets a NOTIFY too; Expires: 0
// ends it with a final NOTIFY (terminated;reason=timeout). Unknown dialogs get 481, events
// nobody serves 489.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { PresenceServer } from './server.js';
import type { Watcher } from './store.js';
import { presentityUri, servedEvent } from './handle-publish.js';

export function handleSubscribe(s: PresenceServer, ctx: MessageContext): number {
  const msg = ctx.msg;
  const reply = (code: number, reason: string, headers: [string, string][] = []) => s.sig.sendReply(ctx, code, reason, { headers });
  let eventName: string | undefined;
  let eventId: string | undefined;
  let asked: number | undefined;
  let contact: string | undefined;
  let fromTag: string | undefined;
  let toTag: string | undefined;
  let cseq: number;
  let from: string | undefined;
  try {
    eventName = msg.event?.package;
    eventId = msg.event?.id;
    asked = msg.expires;
    contact = msg.contacts[0]?.uri;
    fromTag = msg.from?.tag;
    toTag = msg.to?.tag;
    from = msg.from?.uri;
    cseq = msg.cseq.seq;
  } catch {
    reply(400, 'Bad Request');
    return -1;
  }
  if (msg.method !== 'SUBSCRIBE' || !fromTag || !from) {
    reply(400, 'Bad Request');
    return -1;
  }
  const ev = servedEvent(s, eventName, reply);
  if (!ev) return -1;
  let expires = Math.min(asked ?? ev.defaultExpires, s.cfg.maxExpiresSubscribe);
  if (expires > 0 && expires < s.cfg.minExpires) {
    reply(423, 'Interval Too Brief', [['Min-Expires', String(s.cfg.minExpires)]]);
    return -1;
  }
  const now = s.nowSec();
  if (toTag) {
    const w = s.store.dialog(msg.callId, toTag, fromTag);
    if (!w || w.event !== ev.name) {
      reply(481, 'Subscription Does Not Exist');
      return -1;
    }
    if (cseq <= w.remoteCseq) {
      reply(500, 'Server Internal Error'); // out of order (RFC 3261 12.2.2)
      return -1;
    }
    w.remoteCseq = cseq;
    if (contact) w.contact = contact;
    w.expires = now + expires;
    reply(200, 'OK', [['Expires', String(expires)], ['Contact', `<${w.localContact}>`]]);
    s.stats.subscribed.inc();
    if (expires === 0) s.notify(w, 'timeout');
    else s.notify(w);
    return 1;
  }
  const uri = presentityUri(msg.ruri);
  if (!uri || !contact) {
    reply(400, uri ? 'Missing Contact' : 'Bad Request-URI');
    return -1;
  }
  const tag = s.sig.genTotag(ctx);
  if (!tag) {
    reply(500, 'Server Internal Error');
    return -1;
  }
  const sock = ctx.inbound?.local;
  const localContact = s.cfg.serverAddress ?? (sock ? `sip:${s.cfg.contactUser}@${sock.family === 'IPv6' ? `[${sock.address}]` : sock.address}:${sock.port}${sock.proto === 'udp' ? '' : `;transport=${sock.proto}`}` : `sip:${s.cfg.contactUser}@127.0.0.1`);
  const w: Watcher = {
    presUri: uri, event: ev.name, eventId, watcherUri: from, callId: msg.callId, toTag: tag, fromTag, localCseq: 0, remoteCseq: cseq,
    contact, routeSet: msg.headerValues('record-route'), expires: now + expires, version: 0, socket: sock?.name ?? '',
    localContact, dbId: undefined, busy: false, again: false, live: false,
  };
  const sent = reply(200, 'OK', [['Expires', String(expires)], ['Contact', `<${localContact}>`]]);
  if (sent.rc !== 1) return -1;
  s.stats.subscribed.inc();
  if (expires === 0) {
    s.notify(w, 'timeout'); // a fetch: the state once, no subscription kept
    return 1;
  }
  s.store.addWatcher(w);
  s.notify(w);
  return 1;
}
