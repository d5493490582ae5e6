// An application/reginfo+xml body (RFC 3680 section 5) read into plain objects: the body
// passes the untrusted-XML gate, then libxml2's SAX2 events (libxmljs2's SaxParser) are
// read, without a tree (so never the attrs() or namespaces() of the libxmljs2 advisories).
// Whatever does not meet RFC 3680's required attributes is dropped with a reason; foreign
// elements and attributes are ignored (RFC 3680 5.1). OpenSIPS's bare received/path/
// user_agent contact attributes are read too, for interop.
import libxml from 'libxmljs2';
import { checkUntrustedXml, XmlRefused, type XmlLimits, type XmlRoot } from '../../engine/xml/untrusted.js';

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
  let checked;
  let head;
  try {
    checked = checkUntrustedXml(body, limits);
    head = reginfoHead(checked.root);
  } catch (e) {
    if (e instanceof XmlRefused) throw new ReginfoError(e.message);
    throw e;
  }
  const raw = saxRead(checked.text);
  const skipped: string[] = [];
  const registrations: ReginfoRegistration[] = [];
  for (const el of raw) {
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

function registration(el: RawRegistration, skipped: string[]): ReginfoRegistration | undefined {
  const aor = el.attrs.get('aor');
  const id = el.attrs.get('id');
  const state = el.attrs.get('state');
  if (!aor || !/^(sips?|tel):/i.test(aor)) { skipped.push(`registration without a SIP or tel aor (${aor ?? 'none'})`); return undefined; }
  if (!id) { skipped.push(`registration ${aor} without id`); return undefined; }
  if (state !== 'init' && state !== 'active' && state !== 'terminated') { skipped.push(`registration ${aor} with state '${state ?? ''}'`); return undefined; }
  const contacts: ReginfoContact[] = [];
  for (const c of el.contacts) {
    const ct = contact(c, aor, skipped);
    if (ct) contacts.push(ct);
  }
  return { aor, id, state, contacts };
}

function contact(el: RawContact, aor: string, skipped: string[]): ReginfoContact | undefined {
  const a = el.attrs;
  const id = a.get('id');
  const state = a.get('state');
  const event = a.get('event');
  const uri = el.uri?.trim();
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
  for (const p of el.params) {
    if (!p.name || !/^[!%'*+\-.0-9A-Z_`a-z~]+$/.test(p.name)) { skipped.push(`contact ${id}: unknown-param without a token name`); continue; }
    params.push({ name: p.name, value: p.text === '' ? undefined : p.text });
  }
  const qText = a.get('q');
  const q = qText !== undefined && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qText) ? Math.round(Number(qText) * 1000) : undefined;
  return {
    id, state, event, uri, params, q,
    expires: unsignedText(a.get('expires'), MAX_U32),
    retryAfter: unsignedText(a.get('retry-after'), MAX_U32),
    callid: a.get('callid'),
    cseq: unsignedText(a.get('cseq'), MAX_U32),
    received: a.get('received'),
    path: a.get('path'),
    userAgent: a.get('user_agent'),
  };
}

// The elements RFC 3680 defines, as libxml2's SAX2 parser reports them (libxmljs2's
// SaxParser): a registration is a child of the root, a contact a child of a registration,
// uri and unknown-param children of a contact, all in the reginfo namespace; anything else
// (display-name, extension elements, foreign namespaces) is passed over with its content.
// Only attributes without a namespace count (RFC 3680's are unprefixed). A document that is
// not namespace-well-formed (an undeclared prefix) is refused, as libxml2 reports it. No
// tree is built: a DOM of a 10-contact document and its per-node wrappers took ~250 µs to
// read, these events ~150 µs. The text already passed the gate (no DTD, hence no entity but
// the predefined ones), which is what makes the parser's default entity handling harmless.
interface RawContact { readonly attrs: Map<string, string>; uri: string | undefined; readonly params: { name: string | undefined; text: string }[] }
interface RawRegistration { readonly attrs: Map<string, string>; readonly contacts: RawContact[] }

/** What an element is to the reader; OTHER elements are skipped with everything inside. */
const enum Kind { ROOT, REGISTRATION, CONTACT, URI, PARAM, OTHER }

type SaxAttribute = [localName: string, prefix: string, uri: string, value: string];

let sax: { parser: libxml.SaxParser; stack: Kind[]; out: RawRegistration[]; reg?: RawRegistration; contact?: RawContact; text: string | undefined; error: string | undefined } | undefined;

function saxRead(text: string): RawRegistration[] {
  const s = (sax ??= newSax());
  s.stack = []; s.out = []; s.reg = undefined; s.contact = undefined; s.text = undefined; s.error = undefined;
  s.parser.parseString(text);
  const error = s.error as string | undefined; // set by the parser's callbacks
  if (error !== undefined) throw new ReginfoError(`not well-formed XML: ${error.trim()}`);
  const out = s.out;
  s.out = [];
  return out;
}

function newSax(): NonNullable<typeof sax> {
  const parser = new libxml.SaxParser();
  const s: NonNullable<typeof sax> = { parser, stack: [], out: [], text: undefined, error: undefined };
  parser.on('startElementNS', (name: string, attributes: SaxAttribute[], _prefix: string | null, uri: string | null) => {
    const parent = s.stack.length === 0 ? undefined : s.stack[s.stack.length - 1];
    const ours = uri === REGINFO_NS;
    let kind = Kind.OTHER;
    if (parent === undefined) kind = Kind.ROOT;
    else if (ours && parent === Kind.ROOT && name === 'registration') {
      kind = Kind.REGISTRATION;
      s.reg = { attrs: plain(attributes), contacts: [] };
      s.out.push(s.reg);
    } else if (ours && parent === Kind.REGISTRATION && name === 'contact') {
      kind = Kind.CONTACT;
      s.contact = { attrs: plain(attributes), uri: undefined, params: [] };
      s.reg!.contacts.push(s.contact);
    } else if (ours && parent === Kind.CONTACT && name === 'uri' && s.contact!.uri === undefined) {
      kind = Kind.URI; // the first uri only
      s.text = '';
    } else if (ours && parent === Kind.CONTACT && name === 'unknown-param') {
      kind = Kind.PARAM;
      s.contact!.params.push({ name: plain(attributes).get('name'), text: '' });
      s.text = '';
    }
    s.stack.push(kind);
  });
  parser.on('endElementNS', () => {
    const kind = s.stack.pop();
    if (kind === Kind.URI) s.contact!.uri = s.text;
    else if (kind === Kind.PARAM) s.contact!.params[s.contact!.params.length - 1]!.text = s.text!;
    else return;
    s.text = undefined;
  });
  // The text of uri and unknown-param, child elements' text included (as a DOM's text()).
  const characters = (chunk: string) => { if (s.text !== undefined) s.text += chunk; };
  parser.on('characters', characters);
  parser.on('cdata', characters);
  parser.on('error', (e: unknown) => { s.error ??= String(e); });
  parser.on('warning', () => {});
  return s;
}

/** Attributes in no namespace, by name. */
function plain(attributes: SaxAttribute[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of attributes) if (a[2] === '') m.set(a[0], a[3]);
  return m;
}

function unsignedText(v: string | undefined, max: number): number | undefined {
  if (v === undefined || !/^\d{1,20}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= max ? n : undefined;
}
