// aggregate_presentities=1: the reg state of an AOR published by several registrars (one
// presentity per publisher) sent to a watcher as one full-state document. OpenSIPS moves
// every <registration> of every document into one reginfo as it is, so a watcher sees the
// same AOR twice and, reading in order, lets the last registration replace the first (or a
// terminated one remove contacts another node still holds). Here the registrations are
// merged by AOR: each contact once (by URI; the newest document's word wins, as a contact
// that moved to another registrar is current there), the registration active when any
// contact is, contact ids made unique within it. Bodies were checked when PUBLISHed; one
// that is not a reginfo document (a row another server wrote) is skipped with a warning.
import { readReginfo, ReginfoError, type ReginfoContact } from '../pua_reginfo/reginfo-read.js';
import { writeReginfo, type ContactView, type RegistrationView } from '../pua_reginfo/reginfo-write.js';

interface Merged { readonly aor: string; readonly id: string; readonly contacts: ContactView[]; readonly uris: Set<string>; readonly ids: Set<string> }

/** `bodies` newest first; `skip` hears why a body was left out. */
export function aggregateReginfo(bodies: readonly string[], version: number, skip: (why: string) => void): string {
  const byAor = new Map<string, Merged>();
  for (const body of bodies) {
    let doc;
    try {
      doc = readReginfo(body);
    } catch (e) {
      if (!(e instanceof ReginfoError)) throw e;
      skip(e.message);
      continue;
    }
    for (const r of doc.registrations) {
      let m = byAor.get(r.aor);
      if (!m) byAor.set(r.aor, (m = { aor: r.aor, id: r.id, contacts: [], uris: new Set(), ids: new Set() }));
      for (const c of r.contacts) {
        if (m.uris.has(c.uri)) continue; // a newer document already said where it stands
        m.uris.add(c.uri);
        m.contacts.push(view(c, uniqueId(m.ids, c.id)));
      }
    }
  }
  const regs: RegistrationView[] = [...byAor.values()];
  return writeReginfo(regs, version);
}

function uniqueId(taken: Set<string>, id: string): string {
  let out = id;
  for (let n = 2; taken.has(out); n++) out = `${id}.${n}`;
  taken.add(out);
  return out;
}

function view(c: ReginfoContact, id: string): ContactView {
  return {
    id, uri: c.uri, state: c.state, event: c.event, expires: c.expires, q: c.q ?? -1, callid: c.callid, cseq: c.cseq,
    received: c.received, path: c.path, userAgent: c.userAgent, params: c.params,
  };
}
