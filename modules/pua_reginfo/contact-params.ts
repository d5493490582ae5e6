// Contact header parameters as RFC 3680 unknown-param elements and back. usrloc keeps
// +sip.instance and reg-id in their own fields and the other header parameters in `attr`
// (";name=value" text); a NOTIFY's unknown-params become those fields again, so a mirrored
// contact keeps its feature tags (OpenSIPS appends them to the URI, reference 8 #8).
import type { UContact } from '../usrloc/api.js';
import type { ReginfoParam } from './reginfo-read.js';

export function paramsOf(c: Pick<UContact, 'instance' | 'regId' | 'attr'>): ReginfoParam[] {
  const out: ReginfoParam[] = [];
  if (c.instance) out.push({ name: '+sip.instance', value: c.instance });
  if (c.regId !== undefined) out.push({ name: 'reg-id', value: String(c.regId) });
  if (c.attr) {
    for (const part of splitParams(c.attr)) {
      const eq = part.indexOf('=');
      if (eq < 0) out.push({ name: part, value: undefined });
      else out.push({ name: part.slice(0, eq), value: part.slice(eq + 1) });
    }
  }
  return out;
}

export interface ParamFields { instance: string | undefined; regId: number | undefined; attr: string | undefined }

export function fieldsOf(params: readonly ReginfoParam[]): ParamFields {
  let instance: string | undefined;
  let regId: number | undefined;
  const rest: string[] = [];
  for (const p of params) {
    const name = p.name.toLowerCase();
    if (name === '+sip.instance' && p.value) instance = p.value;
    else if (name === 'reg-id' && p.value && /^\d{1,9}$/.test(p.value)) regId = Number(p.value);
    else if (p.value === undefined) rest.push(p.name);
    else rest.push(`${p.name}=${quoteIfNeeded(p.value)}`);
  }
  return { instance, regId, attr: rest.length > 0 ? rest.map((r) => `;${r}`).join('') : undefined };
}

/** A value that is not a token goes out as a quoted string (RFC 3261 25.1 gen-value). */
function quoteIfNeeded(v: string): string {
  if (/^[!%'*+\-.0-9A-Z_`a-z~]+$/.test(v) || /^"(?:[^"\\\r\n]|\\.)*"$/.test(v)) return v;
  return `"${v.replace(/[\\"]/g, (m) => `\\${m}`).replace(/[\r\n]/g, '')}"`;
}

/** ";a=1;b="x;y";c" -> ["a=1", 'b="x;y"', "c"]: semicolons inside quotes stay. */
function splitParams(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '"' && s[i - 1] !== '\\') quoted = !quoted;
    if (ch === ';' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
