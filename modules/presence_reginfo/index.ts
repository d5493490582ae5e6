// presence_reginfo: the reg event package (RFC 3680) for presence (OpenSIPS
// modules/presence_reginfo, reference/modules/pua_reginfo.md 10.1). PUBLISHed bodies pass
// the untrusted-XML gate (well-formed, no DTD or entities, bounded) and must be reginfo
// documents with a version and a state before they are stored; the server forwards them and
// never reads further, so no libxml2 tree is built for them. Each watcher gets the newest
// document (merged with the older ones of other publishers with aggregate_presentities, see
// aggregate.ts) with its own version number (RFC 3680 5.2) in place of the publisher's, found by
// the gate's pass rather than by a fixed-width placeholder (OpenSIPS corrupts bodies
// without its placeholder).
import { defineModule, param } from '../../engine/modules/index.js';
import { LogLevel } from '../../engine/core/log.js';
import { reginfoHead, ReginfoError } from '../pua_reginfo/reginfo-read.js';
import { checkUntrustedXml, XmlRefused, type XmlRoot } from '../../engine/xml/untrusted.js';
import type { PresenceApi } from '../presence/api.js';
import { aggregateReginfo } from './aggregate.js';

const EMPTY = (version: number) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="${version}" state="full"/>\n`;

export default defineModule({
  name: 'presence_reginfo',
  doc: 'The reg event (RFC 3680) for the presence module: `application/reginfo+xml` PUBLISH bodies are checked (no DTD or entities, bounded size and depth, a reginfo document) and refused with 400 otherwise; watchers get the newest published document (or, with `aggregate_presentities`, the documents of all its publishers merged), numbered per watcher, or an empty full-state document when nothing is published.',
  deps: { presence: 'abort' },
  params: {
    default_expires: param.int({ default: 3600, min: 1, doc: 'Subscription expiry for a SUBSCRIBE without Expires (RFC 3680 recommends 3761).' }),
    aggregate_presentities: param.int({ default: 0, oneOf: [0, 1], doc: 'With several publishers of one AOR (a user registered at two registrars): 0 sends watchers the newest document; 1 merges all documents into one full-state document, a registration per AOR holding every contact once (the newest word on a contact wins), where OpenSIPS repeats the AOR once per publisher.' }),
  },
  init: (ctx) => {
    const presence = ctx.api('presence') as PresenceApi;
    const aggregate = ctx.params.aggregate_presentities === 1;
    presence.addEvent({
      name: 'reg', contentType: 'application/reginfo+xml', defaultExpires: ctx.params.default_expires,
      checkBody: (body) => {
        const c = reginfoRoot(body);
        return 'why' in c ? c.why : undefined;
      },
      // The newest document that is one: a row another server wrote into a shared table was
      // never checked here, and one bad row must not silence the watchers.
      notifyBody: (bodies, version, presUri) => {
        if (aggregate && bodies.length > 1) return aggregateReginfo(bodies, version, (why) => ctx.log(LogLevel.WARN, `stored reg state of ${presUri} skipped: ${why}`));
        for (const body of bodies) {
          const c = reginfoRoot(body);
          if ('root' in c) return withVersion(body, c.root, version);
          ctx.log(LogLevel.WARN, `stored reg state of ${presUri} skipped: ${c.why}`);
        }
        return EMPTY(version);
      },
    });
    return {};
  },
});

/** The root element of a reg-event document, or why the body is not one. */
function reginfoRoot(body: Buffer | string): { root: XmlRoot } | { why: string } {
  try {
    const { root } = checkUntrustedXml(body);
    reginfoHead(root);
    return { root };
  } catch (e) {
    if (e instanceof ReginfoError || e instanceof XmlRefused) return { why: e.message };
    throw e;
  }
}

/** The document as published with the watcher's version in place of the publisher's. */
function withVersion(body: string, root: XmlRoot, version: number): string {
  const v = root.attributes.get('version')!; // reginfoHead() found it
  return `${body.slice(0, v.start)}${version}${body.slice(v.end)}`;
}
