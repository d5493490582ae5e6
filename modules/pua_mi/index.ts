// pua_mi: publishing and subscribing from the management interface (OpenSIPS modules/pua_mi):
// `pua_publish` sends a PUBLISH through pua and answers with the server's reply;
// `pua_subscribe` starts (or, with expires 0, ends) a subscription pua keeps.
import { defineModule, miCommand, param } from '../../engine/modules/index.js';
import { miInt, miString, type MiParams } from '../../engine/mi/command.js';
import { MiError } from '../../engine/mi/mi-error.js';
import { MI_ASYN_PUBLISH, MI_SUBSCRIBE, type PuaApi, type PuaReply } from '../pua/api.js';
import type { RuntimeSlot } from '../../engine/modules/runtime-handle.js';

interface PuaMiState {
  readonly pua: PuaApi;
  readonly presenceServer: string | undefined;
  readonly runtime: RuntimeSlot;
}

function optional(p: MiParams, name: string): string | undefined {
  if (p[name] === undefined || p[name] === null) return undefined;
  const v = miString(p, name);
  return v === '' || v === '.' ? undefined : v; // "." is OpenSIPS's "not given"
}

function eventOf(st: PuaMiState, p: MiParams): number {
  const name = miString(p, 'event_package');
  const flag = st.pua.eventFlag(name);
  if (flag === undefined) throw new MiError(400, `Unknown event package ${name}`);
  return flag;
}

function sipUri(p: MiParams, name: string): string {
  const v = miString(p, name);
  if (!/^sips?:[^\s<>]+$/i.test(v)) throw new MiError(400, `Bad ${name}: a SIP URI is needed`);
  return v;
}

async function publish(p: MiParams, st: PuaMiState): Promise<unknown> {
  const presUri = sipUri(p, 'presentity_uri');
  const expires = miInt(p, 'expires');
  const event = eventOf(st, p);
  const body = optional(p, 'body');
  let extra = optional(p, 'extra_headers');
  if (extra && !extra.endsWith('\r\n')) extra = `${extra.replace(/\r?\n$/, '')}\r\n`;
  const reply = await new Promise<PuaReply | number>((resolve) => {
    st.pua.sendPublish({
      presUri, expires, event, sourceFlag: MI_ASYN_PUBLISH, body, contentType: optional(p, 'content_type'),
      etag: optional(p, 'etag'), extraHeaders: extra, outboundProxy: st.presenceServer, onReply: (r) => resolve(r),
    }).then((rc) => { if (rc < 0) resolve(rc); }, () => resolve(-1));
  });
  if (typeof reply === 'number') {
    throw new MiError(reply === -9 ? 404 : 400, reply === -9 ? 'No such publication (ETag or presentity unknown)' : reply === -10 ? 'A body is needed for a new publication' : 'Publish failed');
  }
  const out: Record<string, unknown> = { code: reply.code, reason: reply.reason };
  if (reply.etag) out.etag = reply.etag;
  if (reply.expires !== undefined) out.expires = reply.expires;
  return out;
}

async function subscribe(p: MiParams, st: PuaMiState): Promise<unknown> {
  const presUri = sipUri(p, 'presentity_uri');
  const watcherUri = sipUri(p, 'watcher_uri');
  const event = eventOf(st, p);
  const expires = miInt(p, 'expires');
  const sock = st.runtime.ready.sockets[0];
  if (!sock) throw new MiError(500, 'No listening socket for the Contact');
  const user = /^sips?:([^@;]+)@/i.exec(watcherUri)?.[1];
  const host = sock.family === 'IPv6' ? `[${sock.address}]` : sock.address;
  const contact = `sip:${user ? `${user}@` : ''}${host}:${sock.port}${sock.proto === 'udp' ? '' : `;transport=${sock.proto}`}`;
  const rc = await st.pua.sendSubscribe({ presUri, watcherUri, contact, event, expires, sourceFlag: MI_SUBSCRIBE, outboundProxy: st.presenceServer });
  if (rc < 0) throw new MiError(500, 'Subscribe failed');
  return 'OK';
}

const PUBLISH_OPTIONAL = ['content_type', 'etag', 'extra_headers', 'body'];
/** The three required parameters with any of the optional ones, named in any combination. */
const PUBLISH_RECIPES = Array.from({ length: 1 << PUBLISH_OPTIONAL.length }, (_, m) =>
  ['presentity_uri', 'expires', 'event_package', ...PUBLISH_OPTIONAL.filter((_, i) => m & (1 << i))]);

export default defineModule({
  name: 'pua_mi',
  doc: 'PUBLISH and SUBSCRIBE from the management interface, through pua (OpenSIPS pua_mi).',
  deps: { pua: 'abort' },
  params: {
    presence_server: param.str({ doc: 'Outbound proxy for the requests (e.g. "sip:presence.example.com:5060").' }),
  },
  mi: {
    pua_publish: miCommand<PuaMiState>({
      doc: 'Sends a PUBLISH and answers with the reply: code, reason, etag and expires. expires 0 removes the publication; without body, an existing one is refreshed; etag names the publication to modify (OpenSIPS\'s "." means none).',
      params: [{ name: 'presentity_uri' }, { name: 'expires' }, { name: 'event_package' }, { name: 'content_type', optional: true },
        { name: 'etag', optional: true }, { name: 'extra_headers', optional: true }, { name: 'body', optional: true }],
      recipes: PUBLISH_RECIPES,
      handler: publish,
    }),
    pua_subscribe: miCommand<PuaMiState>({
      doc: 'Starts a subscription pua keeps and refreshes (expires 0 ends it). The Contact is the watcher\'s user at tsips\'s first socket.',
      params: [{ name: 'presentity_uri' }, { name: 'watcher_uri' }, { name: 'event_package' }, { name: 'expires' }],
      handler: subscribe,
    }),
  },
  init: (ctx): PuaMiState => ({ pua: ctx.api('pua'), presenceServer: ctx.params.presence_server, runtime: ctx.services.runtime }),
});
