// An application/reginfo+xml body (RFC 3680 section 5) read into plain objects, from a tree
// parsed by the untrusted-XML gate. Only name(), namespace(), attr(name), childNodes() and
// text() are used: never attrs() or namespaces() (the libxmljs2 advisories). Whatever does
// not meet RFC 3680's required attributes is dropped with a reason; foreign elements and
// attributes are ignored (RFC 3680 5.1). OpenSIPS's bare received/path/user_agent contact
// attributes are read too, for interop.
import type { Element, Node } from 'libxmljs2';
import { checkUntrustedXml, parseCheckedXml, XmlRefused, type XmlLimits, type XmlRoot } from '../../engine/xml/untrusted.js';

export const REGINFO_NS = 'urn:ietf:params:xml:ns:reginfo';

export const ACTIVE_EVENTS = new Set(['registered', 'created', 'refreshed', 'shortened']);
export const TERMINATED_EVENTS = new Set(['expired', 'deactivated', 'probation', 'unregistered', 'rejected']);

export interface ReginfoParam { readonly name: string; readonly value: string | undefined }

export interface ReginfoContact {
  readonly id: string;
  readonly state: 'active' | 'terminated';
  readonly event: string;
  readonly expires: number | undefined;
  readonly retryAfter: number | undefined;
  readonly q: number | undefined;
  readonly callid: string | undefined;
  readonly cseq: number | undefined;
  readonly uri: string;
  readonly params: readonly ReginfoParam[];
  readonly received: string | undefined;
  readonly path: string | undefined;
  readonly userAgent: string | undefined;
}

export interface ReginfoRegistration {
  readonly aor: string;
  readonly id: string;
  readonly state: 'init' | 'active' | 'terminated';
  readonly contacts: readonly ReginfoContact[];
}

export interface ReginfoDocument {
  readonly version: number;
  readonly state: 'full' | 'partial';
  readonly registrations: readonly ReginfoRegistration[];
  /** What was dropped, for the log. */
  readonly skipped: readonly string[];
}

export class ReginfoError extends Error {}

const MAX_U32 = 0xffffffff;

export function readReginfo(body: Buffer | string, limits?: XmlLimits): ReginfoDocument {
  let doc;
  let head;
  try {
    const checked = checkUntrustedXml(body, limits);
    head = reginfoHead(checked.root);
    doc = parseCheckedXml(checked);
  } catch (e) {
    if (e instanceof XmlRefused) throw new ReginfoError(e.message);
    throw e;
  }
  const skipped: string[] = [];
  const registrations: ReginfoRegistration[] = [];
  for (const el of ours(doc.root()!, 'registration')) {
    const r = registration(el, skipped);
    if (r) registrations.push(r);
  }
  return { ...head, registrations, skipped };
}

/** What makes a body a reginfo document at all (the root element, its version and state),
 *  read from the gate's pass: the presence server checks PUBLISH bodies with this alone. */
export function reginfoHead(root: XmlRoot): { version: number; state: 'full' | 'partial' } {
  if (root.localName !== 'reginfo' || root.namespace !== REGINFO_NS) throw new ReginfoError(`root element is not reginfo in ${REGINFO_NS}`);
  const version = unsignedText(root.attributes.get('version')?.value, MAX_U32);
  if (version === undefined) throw new ReginfoError('reginfo without a valid version');
  const state = root.attributes.get('state')?.value;
  if (state !== 'full' && state !== 'partial') throw new ReginfoError(`reginfo state '${state ?? ''}' is neither full nor partial`);
  return { version, state };
}

function registration(el: Element, skipped: string[]): ReginfoRegistration | undefined {
  const aor = attr(el, 'aor');
  const id = attr(el, 'id');
  const state = attr(el, 'state');
  if (!aor || !/^(sips?|tel):/i.test(aor)) { skipped.push(`registration without a SIP or tel aor (${aor ?? 'none'})`); return undefined; }
  if (!id) { skipped.push(`registration ${aor} without id`); return undefined; }
  if (state !== 'init' && state !== 'active' && state !== 'terminated') { skipped.push(`registration ${aor} with state '${state ?? ''}'`); return undefined; }
  const contacts: ReginfoContact[] = [];
  for (const c of ours(el, 'contact')) {
    const ct = contact(c, aor, skipped);
    if (ct) contacts.push(ct);
  }
  return { aor, id, state, contacts };
}

function contact(el: Element, aor: string, skipped: string[]): ReginfoContact | undefined {
  const id = attr(el, 'id');
  const state = attr(el, 'state');
  const event = attr(el, 'event');
  const uriEl = ours(el, 'uri')[0];
  const uri = uriEl?.text().trim();
  if (!id || (state !== 'active' && state !== 'terminated') || !event || !uri) {
    skipped.push(`contact of ${aor} without id, state, event or uri`);
    return undefined;
  }
  if (!(state === 'active' ? ACTIVE_EVENTS : TERMINATED_EVENTS).has(event)) {
    skipped.push(`contact ${id} of ${aor}: event '${event}' does not go with state ${state}`);
    return undefined;
  }
  if (!/^[a-z][a-z0-9+.-]*:[^\s<>"]+$/i.test(uri)) { skipped.push(`contact ${id} of ${aor}: bad uri`); return undefined; }
  const params: ReginfoParam[] = [];
  for (const p of ours(el, 'unknown-param')) {
    const name = attr(p, 'name');
    if (!name || !/^[!%'*+\-.0-9A-Z_`a-z~]+$/.test(name)) { skipped.push(`contact ${id}: unknown-param without a token name`); continue; }
    const text = p.text();
    params.push({ name, value: text === '' ? undefined : text });
  }
  const qText = attr(el, 'q');
  const q = qText !== undefined && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qText) ? Math.round(Number(qText) * 1000) : undefined;
  return {
    id, state, event, uri, params, q,
    expires: unsigned(el, 'expires', MAX_U32),
    retryAfter: unsigned(el, 'retry-after', MAX_U32),
    callid: attr(el, 'callid'),
    cseq: unsigned(el, 'cseq', MAX_U32),
    received: attr(el, 'received'),
    path: attr(el, 'path'),
    userAgent: attr(el, 'user_agent'),
  };
}

/** Child elements in the reginfo namespace with this name. */
function ours(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (const n of el.childNodes() as Node[]) {
    if (n.type() !== 'element') continue;
    const e = n as Element;
    if (e.name() === name && e.namespace()?.href() === REGINFO_NS) out.push(e);
  }
  return out;
}

function attr(el: Element, name: string): string | undefined {
  const a = el.attr(name);
  return a ? a.value() : undefined;
}

function unsigned(el: Element, name: string, max: number): number | undefined {
  return unsignedText(attr(el, name), max);
}

function unsignedText(v: string | undefined, max: number): number | undefined {
  if (v === undefined || !/^\d{1,20}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= max ? n : undefined;
}
