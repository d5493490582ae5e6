// pua's MI commands (OpenSIPS pua has none; tsips adds a view of the records, reference
// issue "MI: list and inspect records"): pua_list, pua_show and pua_cluster_status.
import { miCommand, type ModuleMiCommand } from '../../engine/modules/index.js';
import { miString, type MiParams } from '../../engine/mi/command.js';
import { MiError } from '../../engine/mi/mi-error.js';
import type { PuaRecord } from './record.js';
import type { PuaState } from './state.js';

function recordJson(st: PuaState, r: PuaRecord): Record<string, unknown> {
  const now = st.pua.nowSec();
  const o: Record<string, unknown> = {
    pres_uri: r.presUri,
    id: r.id,
    event: st.pua.events.get(r.event)?.name ?? r.event,
    flag: r.flag,
    expires: r.expires === 0 ? 'pending' : Math.max(0, r.expires - now),
    desired_expires: r.desiredExpires === 0 ? 'forever' : Math.max(0, r.desiredExpires - now),
  };
  if (r.kind === 'publish') {
    o.etag = r.etag ?? '';
    o.version = r.version;
    if (r.queue.length > 0) o.queued = r.queue.length;
  } else {
    Object.assign(o, {
      watcher_uri: r.watcherUri, to_uri: r.toUri, contact: r.contact, call_id: r.callId ?? '', from_tag: r.fromTag ?? '', to_tag: r.toTag ?? '',
      cseq: r.cseq, remote_target: r.remoteTarget ?? '', route_set: r.routeSet,
      state: r.ending ? 'terminating' : r.toTag ? 'active' : 'pending',
    });
  }
  o.in_flight = r.inFlight;
  if (r.outboundProxy) o.outbound_proxy = r.outboundProxy;
  if (r.extraHeaders) o.extra_headers = r.extraHeaders;
  if (r.sharingTag) o.sharing_tag = r.sharingTag;
  return o;
}

function listing(st: PuaState, keep: (r: PuaRecord) => boolean): Record<string, unknown> {
  const pubs: unknown[] = [];
  const subs: unknown[] = [];
  for (const r of st.pua.table.values()) {
    if (!keep(r)) continue;
    (r.kind === 'publish' ? pubs : subs).push(recordJson(st, r));
  }
  return { Publications: pubs, Subscriptions: subs };
}

function eventFilter(st: PuaState, p: MiParams): (r: PuaRecord) => boolean {
  if (p.event === undefined) return () => true;
  const name = miString(p, 'event');
  const ev = st.pua.events.byName(name);
  if (!ev) throw new MiError(400, `Unknown event ${name}`);
  return (r) => r.event === ev.flag;
}

export const PUA_MI: Record<string, ModuleMiCommand<PuaState>> = {
  pua_list: miCommand<PuaState>({
    doc: 'Every publication (ETag, expiry, queued PUBLISHes) and subscription (dialog: Call-ID, tags, CSeq, route set, remote target, state) pua holds; `event` limits it to one event package.',
    params: [{ name: 'event', optional: true }],
    recipes: [[], ['event']],
    handler: (p, st) => listing(st, eventFilter(st, p)),
  }),
  pua_show: miCommand<PuaState>({
    doc: 'The publications and subscriptions of one presentity URI.',
    params: [{ name: 'pres_uri' }],
    handler: (p, st) => {
      const uri = miString(p, 'pres_uri');
      const out = listing(st, (r) => r.presUri === uri);
      if ((out.Publications as unknown[]).length === 0 && (out.Subscriptions as unknown[]).length === 0) throw new MiError(404, 'Presentity not found');
      return out;
    },
  }),
  pua_cluster_status: miCommand<PuaState>({
    doc: 'Clustering: the cluster, this node, the sharing tag and whether it is active here or backup.',
    handler: (_p, st) => st.cluster
      ? { cluster_id: st.cluster.clusterId, node: st.cluster.node, sharing_tag: st.cluster.tag, state: st.cluster.tagActive ? 'active' : 'backup' }
      : { cluster_id: 0, state: 'off' },
  }),
};
