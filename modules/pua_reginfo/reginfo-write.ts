// Building the application/reginfo+xml document of an AOR (RFC 3680 section 5). Shape as OpenSIPS's pua_reginfo writes it (reference 9) where it is sound:
// state="full", one registration per identity, contacts in lookup order with their state,
// event, expires, q, callid, cseq and the bare received/path/user_agent attributes both
// OpenSIPS and Kamailio read. Fixed here: ids are stable (from the AOR and usrloc's contact
// id, not memory addresses), a terminated contact says expires="0" (Kamailio watchers only
// drop contacts that do), a permanent contact omits expires, header parameters go out as
// unknown-param, and the version is a placeholder the publisher numbers (reference 8 #14).
// Written as text with every value escaped, not through libxmljs2's tree: one document per
// registration change is on the REGISTER hot path, and the tree cost 69 µs of the 240 µs a
// published REGISTER took (test/modules/pua_reginfo/reginfo-write.test.ts reads every
// output back with libxmljs2, hostile values included).
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
  /** Optional in RFC 3680; usrloc always has them. */
  readonly callid: string | undefined;
  readonly cseq: number | undefined;
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
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<reginfo xmlns="${REGINFO_NS}" version="${version}" state="full">`;
  for (const r of regs) {
    const active = r.contacts.some((c) => c.state === 'active');
    out += `<registration aor="${attr(r.aor)}" id="${attr(r.id)}" state="${active ? 'active' : 'terminated'}">`;
    for (const c of r.contacts) {
      out += `<contact id="${attr(c.id)}" state="${c.state}" event="${c.event}"`;
      if (c.state === 'terminated') out += ' expires="0"';
      else if (c.expires !== undefined) out += ` expires="${Math.max(0, c.expires)}"`;
      if (c.q >= 0) out += ` q="${(c.q / 1000).toFixed(3)}"`;
      if (c.callid !== undefined) out += ` callid="${attr(c.callid)}"`;
      if (c.cseq !== undefined) out += ` cseq="${c.cseq}"`;
      if (c.received) out += ` received="${attr(c.received)}"`;
      if (c.path) out += ` path="${attr(c.path)}"`;
      if (c.userAgent) out += ` user_agent="${attr(c.userAgent)}"`;
      out += `><uri>${text(c.uri)}</uri>`;
      for (const p of c.params) {
        out += p.value === undefined ? `<unknown-param name="${attr(p.name)}"/>` : `<unknown-param name="${attr(p.name)}">${text(p.value)}</unknown-param>`;
      }
      out += '</contact>';
    }
    out += '</registration>';
  }
  return `${out}</reginfo>\n`;
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab, CR, LF; lone surrogates;
// U+FFFE/U+FFFF) are dropped: a value from a REGISTER must not make the document unreadable.
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;
const TEXT_SPECIAL = /[&<>\r]/;

function attr(v: string): string {
  const s = v.replace(INVALID, '');
  if (!ATTR_SPECIAL.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function text(v: string): string {
  const s = v.replace(INVALID, '');
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}
