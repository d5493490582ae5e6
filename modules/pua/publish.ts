// PUBLISH (RFC 3903; reference 7.1 and the fixes of 8 #1-#6): initial with the state, then
// SIP-If-Match with the ETag for refreshes (no body), modifications (new body) and removal
// (Expires: 0). One PUBLISH per record is on the wire at a time; the others queue behind it
// and leave, in order, with the ETag the previous one earned.
import { LogLevel } from '../../engine/core/log.js';
import { generateCallId, generateTag } from '../../engine/sip/index.js';
import { ERR_PUBLISH_GENERIC, ERR_PUBLISH_NO_BODY, ERR_PUBLISH_NO_RECORD, INSERT_TYPE } from './flags.js';
import { parseExtraHeaders } from './extra-headers.js';
import { recordKey, type Publication, type PuaReply, type QueuedPublish } from './record.js';
import type { Pua } from './pua.js';
import type { PublInfo } from './api.js';

/** One PUBLISH to send for a record. */
interface PublishJob extends QueuedPublish {
  /** Ignore the ETag: start the publication over (after a 412, or never confirmed). */
  readonly initial?: boolean;
  /** Sent by pua itself (refresh): only failures reach the registered callbacks. */
  readonly internal?: boolean;
  readonly retried?: 412 | 423;
}

export async function sendPublish(pua: Pua, p: PublInfo): Promise<number> {
  const ev = pua.events.get(p.event);
  if (!ev) {
    pua.log(LogLevel.ERR, `PUBLISH for ${p.presUri}: event flag ${p.event} is not registered`);
    return ERR_PUBLISH_GENERIC;
  }
  try {
    parseExtraHeaders(p.extraHeaders);
  } catch (e) {
    pua.log(LogLevel.ERR, `PUBLISH for ${p.presUri}: ${(e as Error).message}`);
    return ERR_PUBLISH_GENERIC;
  }
  const ident = { kind: 'publish', presUri: p.presUri, id: p.id ?? '', flag: p.sourceFlag, event: p.event } as const;
  const key = recordKey(ident);
  let r = p.flag === INSERT_TYPE ? undefined : pua.table.get(key) as Publication | undefined;
  if (!r && p.flag !== INSERT_TYPE && pua.cluster) {
    r = await pua.cluster.loadOne(ident) as Publication | undefined; // the one held, if it came meanwhile
  }
  const now = pua.nowSec();
  // An expired publication the server has forgotten counts as none (reference 6.5).
  if (r && !r.inFlight && r.expires > 0 && r.expires <= now) {
    pua.remove(r);
    r = undefined;
  }
  if (p.etag !== undefined && (!r || r.etag !== p.etag)) return ERR_PUBLISH_NO_RECORD;
  const expires = pua.wireExpires(p.expires);
  const job: PublishJob = { body: p.body, contentType: p.contentType, expires, cbParam: p.cbParam, onReply: p.onReply };
  if (!r) {
    if (expires === 0) return ERR_PUBLISH_NO_RECORD;
    if (p.body === undefined && ev.contentType) return ERR_PUBLISH_NO_BODY;
    r = newPublication(pua, p, now + expires);
    pua.table.add(r);
    transmit(pua, r, { ...job, initial: true });
    return 0;
  }
  if (p.extraHeaders !== undefined) r.extraHeaders = p.extraHeaders;
  if (p.outboundProxy !== undefined) r.outboundProxy = p.outboundProxy;
  if (p.cbParam !== undefined) r.cbParam = p.cbParam;
  if (expires > 0) r.desiredExpires = now + expires;
  if (r.inFlight) {
    r.queue.push(job);
    return 0;
  }
  if (expires === 0) end(pua, r, job);
  else transmit(pua, r, job);
  return 0;
}

function newPublication(pua: Pua, p: PublInfo, desired: number): Publication {
  return {
    kind: 'publish', id: p.id ?? '', presUri: p.presUri, event: p.event, flag: p.sourceFlag, expires: 0, desiredExpires: desired,
    extraHeaders: p.extraHeaders ?? '', outboundProxy: p.outboundProxy, version: 0, sharingTag: pua.cfg.sharingTag, cbParam: p.cbParam,
    dbId: undefined, inFlight: false, timer: undefined, live: false,
    etag: undefined, tupleId: undefined, body: undefined, contentType: p.contentType, queue: [],
    callId: undefined, fromTag: undefined, cseq: 0,
  };
}

/** The timer: refresh while the user wants the state kept, else remove it (reference 7.3). */
export function publicationDue(pua: Pua, r: Publication): void {
  if (r.inFlight) return;
  if (pua.wantsRefresh(r)) transmit(pua, r, { body: undefined, contentType: undefined, expires: pua.refreshExpires(r), cbParam: r.cbParam, onReply: undefined, internal: true });
  else end(pua, r, { body: undefined, contentType: undefined, expires: 0, cbParam: r.cbParam, onReply: undefined, internal: true });
}

/** Removal: the record goes at once (a PUBLISH arriving meanwhile starts a new one), then
 *  the server is told with Expires: 0 if it ever knew the state. */
function end(pua: Pua, r: Publication, job: PublishJob): void {
  pua.remove(r);
  if (!r.etag) {
    deliver(pua, r, job, { code: 200, reason: 'OK', expires: 0 });
    return;
  }
  transmit(pua, r, { ...job, expires: 0, body: undefined });
}

function transmit(pua: Pua, r: Publication, job: PublishJob): void {
  const ev = pua.events.get(r.event)!;
  let body = job.body;
  let initial = job.initial === true || r.etag === undefined;
  if (initial && body === undefined) body = r.body; // never confirmed, or 412: full state again
  if (initial && body === undefined && ev.contentType && job.expires > 0) {
    fail(pua, r, job, { code: 412, reason: 'No state to publish again' });
    return;
  }
  r.inFlight = true;
  r.version++;
  if (body !== undefined && job.body !== undefined && ev.processBody) {
    const out = ev.processBody({ id: r.id, presUri: r.presUri, body, expires: job.expires, sourceFlag: r.flag, event: r.event }, r.version, r.tupleId);
    if (out) {
      body = out.body;
      if (out.tupleId !== undefined) r.tupleId = out.tupleId;
    }
  }
  if (body !== undefined) {
    r.body = body;
    if (job.contentType) r.contentType = job.contentType;
  }
  const headers: [string, string][] = [['Event', ev.name], ['Expires', String(job.expires)]];
  if (!initial) headers.push(['SIP-If-Match', r.etag!]);
  headers.push(...parseExtraHeaders(r.extraHeaders));
  pua.stats.publish_sent.inc();
  const uri = `<${r.presUri}>`;
  r.callId ??= generateCallId(pua.localHost());
  r.fromTag ??= generateTag();
  pua.tm.request({
    method: 'PUBLISH', ruri: r.presUri, from: uri, to: uri, headers, outboundProxy: r.outboundProxy,
    dialog: { callId: r.callId, fromTag: r.fromTag, cseq: ++r.cseq },
    body, contentType: body !== undefined ? (r.contentType ?? ev.contentType ?? 'text/plain') : undefined,
  }).then(
    (res) => replied(pua, r, { ...job, initial }, res.code, res.reason, res.reply?.sipETag, res.reply?.expires, res.reply?.minExpires, res.reply !== undefined),
    (e: unknown) => {
      pua.log(LogLevel.ERR, `PUBLISH for ${r.presUri} not sent: ${(e as Error).message}`);
      replied(pua, r, { ...job, initial }, 503, 'Not Sent', undefined, undefined, undefined, false);
    },
  );
}

function replied(pua: Pua, r: Publication, job: PublishJob, code: number, reason: string, etag: string | undefined,
  expires: number | undefined, minExpires: number | undefined, fromPeer: boolean): void {
  r.inFlight = false;
  if (job.expires === 0) { // a removal: the record is already gone
    deliver(pua, r, job, { code, reason, expires: 0 });
    return;
  }
  if (!r.live) return;
  if (code >= 200 && code < 300) {
    const granted = expires ?? job.expires;
    if (!etag && granted > 0) {
      pua.log(LogLevel.WARN, `${code} to PUBLISH for ${r.presUri} has no SIP-ETag (RFC 3903 section 6): publication dropped`);
      fail(pua, r, job, { code: 500, reason: 'Reply without SIP-ETag' });
      return;
    }
    if (granted === 0) {
      pua.remove(r);
      deliver(pua, r, job, { code, reason, expires: 0 });
    } else {
      r.etag = etag;
      r.expires = pua.nowSec() + granted;
      pua.changed(r);
      pua.arm(r, granted);
      deliver(pua, r, job, { code, reason, etag, expires: granted });
    }
  } else if (code === 412 && job.retried === undefined && r.body !== undefined) {
    // RFC 3903 section 4.1: the server lost the state; publish it all again.
    r.etag = undefined;
    transmit(pua, r, { ...job, body: r.body, initial: true, retried: 412 });
    return;
  } else if (code === 423 && job.retried === undefined && minExpires !== undefined && minExpires > job.expires) {
    transmit(pua, r, { ...job, expires: minExpires, retried: 423 });
    return;
  } else if (code === 408 && !fromPeer && r.etag) {
    // No answer: the server may still hold the state; keep it and try again at the next
    // change or refresh (reference 7.1).
    deliver(pua, r, job, { code, reason });
    if (!r.timer && r.expires > pua.nowSec()) pua.arm(r);
  } else {
    fail(pua, r, job, { code, reason });
    return;
  }
  next(pua, r);
}

/** The publication failed: queued states start it over, else it is gone. */
function fail(pua: Pua, r: Publication, job: PublishJob, reply: PuaReply): void {
  r.inFlight = false;
  pua.stats.publish_failed.inc();
  pua.log(LogLevel.NOTICE, `PUBLISH for ${r.presUri} (${pua.events.get(r.event)?.name}): ${reply.code} ${reply.reason}`);
  r.etag = undefined;
  deliver(pua, r, job, reply);
  if (r.queue.some((q) => q.body !== undefined)) next(pua, r);
  else {
    pua.remove(r);
    r.queue.length = 0;
  }
}

/** Sends the oldest queued PUBLISH. */
function next(pua: Pua, r: Publication): void {
  const q = r.queue.shift();
  if (!q || !r.live) return;
  if (q.expires === 0) end(pua, r, q);
  else transmit(pua, r, q);
}

function deliver(pua: Pua, r: Publication, job: PublishJob, reply: PuaReply): void {
  try {
    job.onReply?.(reply, job.cbParam);
  } catch (e) {
    pua.log(LogLevel.ERR, `a PUBLISH reply callback failed: ${(e as Error).message}`);
  }
  if (!job.internal || reply.code >= 300) pua.report(r, reply);
}
