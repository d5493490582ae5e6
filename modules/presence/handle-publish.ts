// handle_publish() (RFC 3903 section 6): the event state compositor's side of PUBLISH. A new
// publication needs a body; SIP-If-Match names the one to refresh (no body), modify (body)
// or remove (Expires: 0); an unknown ETag is 412, a too short Expires 423, an event nobody
// serves 489, a body the event refuses 400. Every success gets a fresh SIP-ETag and the
// watchers a NOTIFY.
import { LogLevel } from '../../engine/core/log.js';
import type { MessageContext } from '../../engine/core/message-context.js';
import type { PresenceServer } from './server.js';
import type { PresenceEventDef } from './api.js';

export function handlePublish(s: PresenceServer, ctx: MessageContext): number {
  const msg = ctx.msg;
  const reply = (code: number, reason: string, headers: [string, string][] = []) => s.sig.sendReply(ctx, code, reason, { headers });
  if (msg.method !== 'PUBLISH') {
    s.log(LogLevel.ERR, `handle_publish() called for ${msg.method}`);
    return -1;
  }
  let eventName: string | undefined;
  let asked: number | undefined;
  let ifMatch: string | undefined;
  try {
    eventName = msg.event?.package;
    asked = msg.expires;
    ifMatch = msg.sipIfMatch;
  } catch {
    reply(400, 'Bad Request');
    return -1;
  }
  const ev = servedEvent(s, eventName, reply);
  if (!ev) return -1;
  const uri = presentityUri(msg.ruri);
  if (!uri) {
    reply(400, 'Bad Request-URI');
    return -1;
  }
  let expires = Math.min(asked ?? s.cfg.maxExpiresPublish, s.cfg.maxExpiresPublish);
  if (expires > 0 && expires < s.cfg.minExpires) {
    reply(423, 'Interval Too Brief', [['Min-Expires', String(s.cfg.minExpires)]]);
    return -1;
  }
  const body = msg.body;
  if (body.length > 0 && ev.checkBody) {
    const why = ev.checkBody(body);
    if (why) {
      s.stats.publish_refused.inc();
      s.log(LogLevel.NOTICE, `PUBLISH ${msg.callId} for ${uri} from ${ctx.inbound?.source.address ?? '?'} refused: ${why}`);
      reply(400, 'Bad Request');
      return -1;
    }
  }
  const now = s.nowSec();
  if (ifMatch === undefined) {
    if (body.length === 0 || expires === 0) {
      reply(400, 'Bad Request'); // a new publication carries state (RFC 3903 6, step 5)
      return -1;
    }
    const etag = s.newEtag();
    s.storePresentity({ presUri: uri, event: ev.name, etag, expires: now + expires, receivedTime: now, body: body.toString('utf8'), sender: '', dbId: undefined, seq: 0 }, true);
    s.stats.published.inc();
    reply(200, 'OK', [['SIP-ETag', etag], ['Expires', String(expires)]]);
    return 1;
  }
  const p = s.store.byEtag(uri, ev.name, ifMatch);
  if (!p || p.expires <= now) {
    reply(412, 'Conditional Request Failed');
    return -1;
  }
  if (expires === 0) {
    s.dropPresentity(p);
    reply(200, 'OK', [['Expires', '0']]);
    return 1;
  }
  p.etag = s.newEtag();
  p.expires = now + expires;
  p.receivedTime = now;
  if (body.length > 0) {
    p.body = body.toString('utf8');
    s.storePresentity(p, false);
  } else {
    s.db.savePresentity(p); // a refresh: same state, nobody to tell
  }
  s.stats.published.inc();
  reply(200, 'OK', [['SIP-ETag', p.etag], ['Expires', String(expires)]]);
  return 1;
}

/** The event package of the request, or a 489 with the ones served (RFC 6665 8.3.2). */
export function servedEvent(s: PresenceServer, name: string | undefined, reply: (code: number, reason: string, headers: [string, string][]) => unknown): PresenceEventDef | undefined {
  const ev = name ? s.events.get(name) : undefined;
  if (!ev) reply(489, 'Bad Event', [['Allow-Events', [...s.events.keys()].join(', ')]]);
  return ev;
}

/** sip:user@host of a Request-URI (port, parameters and headers dropped, host lower-cased). */
export function presentityUri(ruri: string): string | undefined {
  const m = /^(sips?):(?:([^@;?]+)@)?([^;?:>]+|\[[^\]]+\])/i.exec(ruri);
  if (!m) return undefined;
  return `sip:${m[2] ? `${m[2]}@` : ''}${m[3]!.toLowerCase()}`;
}
