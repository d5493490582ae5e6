// Building the application/reginfo+xml document of an AOR (RFC 3680 section 5) with
// libxmljs2. Shape as OpenSIPS's pua_reginfo writes it (reference 9) where it is sound:
// state="full", one registration per identity, contacts in lookup order with their state,
// event, expires, q, callid, cseq and the bare received/path/user_agent attributes both
// OpenSIPS and Kamailio read. Fixed here: ids are stable (from the AOR and usrloc's contact
// id, not memory addresses), a terminated contact says expires="0" (Kamailio watchers only
// drop contacts that do), a permanent contact omits expires, header parameters go out as
// unknown-param, and the version is a placeholder the publisher numbers (reference 8 #14).
import libxml from 'libxmljs2';
import { REGINFO_NS } from './reginfo-read.js';

/** Filled with the publication's counter by pua's body hook (and per watcher by presence). */
export const VERSION_PLACEHOLDER = '00000000000';

export interface ContactView {
  readonly id: string;
  readonly uri: string;
  readonly state: 'active' | 'terminated';
  readonly event: string;
  /** Seconds left; undefined for a permanent contact. */
  readonly expires: number | undefined;
  /** 0..1000, -1 unspecified. */
  readonly q: number;
  readonly callid: string;
  readonly cseq: number;
  readonly received: string | undefined;
  readonly path: string | undefined;
  readonly userAgent: string | undefined;
  readonly params: readonly { name: string; value: string | undefined }[];
}

export interface RegistrationView {
  readonly aor: string;
  readonly id: string;
  readonly contacts: readonly ContactView[];
}

export function writeReginfo(regs: readonly RegistrationView[], version: string | number = VERSION_PLACEHOLDER): string {
  const doc = new libxml.Document('1.0', 'UTF-8');
  const root = doc.node('reginfo');
  root.namespace(root.defineNamespace(REGINFO_NS));
  root.attr({ version: String(version), state: 'full' });
  for (const r of regs) {
    const reg = root.node('registration');
    const active = r.contacts.some((c) => c.state === 'active');
    reg.attr({ aor: r.aor, id: r.id, state: active ? 'active' : 'terminated' });
    for (const c of r.contacts) {
      const el = reg.node('contact');
      const a: Record<string, string> = { id: c.id, state: c.state, event: c.event };
      if (c.state === 'terminated') a.expires = '0';
      else if (c.expires !== undefined) a.expires = String(Math.max(0, c.expires));
      if (c.q >= 0) a.q = (c.q / 1000).toFixed(3);
      a.callid = c.callid;
      a.cseq = String(c.cseq);
      if (c.received) a.received = c.received;
      if (c.path) a.path = c.path;
      if (c.userAgent) a.user_agent = c.userAgent;
      el.attr(a);
      el.node('uri').text(c.uri);
      for (const p of c.params) {
        const u = el.node('unknown-param');
        u.attr({ name: p.name });
        if (p.value !== undefined) u.text(p.value);
      }
    }
  }
  return doc.toString(false);
}
