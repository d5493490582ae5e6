// The s.* transformations (transformations.c, tr_eval_string). NULL passes through
// unchanged; an integer-only value is read through its decimal string form.
import { createHash } from 'node:crypto';
import { int, str, leadingInt, type MaybeValue } from '../value.js';
import { transform, type TransformDef } from './types.js';

const text = (v: NonNullable<MaybeValue>): string => v.s ?? String(v.i ?? '');

/** A transformation from a string to a value; NULL in, NULL out. */
function onString(name: string, tier: 1 | 2, doc: string, f: (s: string) => MaybeValue): TransformDef {
  return transform({ name, args: [], tier, doc, apply: (v) => (v === null ? null : f(text(v))) });
}

/** s.substr: negative offset counts from the end; length 0 means "to the end", a negative
 *  length stops that many characters before the end; an offset past the end fails. */
function substr(s: string, offset: number, length: number): MaybeValue {
  const start = offset < 0 ? s.length + offset : offset;
  if (start < 0 || start > s.length - 1) return null;
  let end: number;
  if (length === 0) end = s.length;
  else if (length > 0) end = Math.min(s.length, start + length);
  else {
    end = s.length + length;
    if (end < start) return null;
  }
  return str(s.slice(start, end));
}

/** s.select: the index-th field split on one separator character; negative from the end. */
function select(s: string, index: number, sep: string): MaybeValue {
  const fields = s.split(sep);
  const k = index < 0 ? fields.length + index : index;
  return k >= 0 && k < fields.length ? str(fields[k]) : null;
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

export const stringTransforms: readonly TransformDef[] = [
  onString('s.len', 1, 'length in characters (integer)', (s) => int(s.length)),
  // Quirk 23 kept: the string form stays the original text, comparisons and assignment
  // use the leading integer.
  onString('s.int', 1, 'leading integer of the string (0 if none); prints as the original text', (s) => ({
    s, i: leadingInt(s), intFirst: true,
  })),
  transform({
    name: 's.substr', args: [{ kind: 'int' }, { kind: 'int' }], tier: 1,
    doc: 'substring from offset (negative: from the end) of length (0: to the end; negative: stop that many before the end)',
    apply: (v, [o, l]) => (v === null ? null : substr(text(v), Number(o), Number(l))),
  }),
  transform({
    name: 's.select', args: [{ kind: 'int' }, { kind: 'char' }], tier: 1,
    doc: 'the index-th field (negative: from the end) separated by one character',
    apply: (v, [i, sep]) => (v === null ? null : select(text(v), Number(i), String(sep))),
  }),
  onString('s.tolower', 1, 'lower case', (s) => str(s.toLowerCase())),
  onString('s.toupper', 1, 'upper case', (s) => str(s.toUpperCase())),
  transform({
    name: 's.index', args: [{ kind: 'str' }, { kind: 'int', optional: true }], tier: 2,
    doc: 'position of the first occurrence of needle from start (negative: from the end), -1 if absent',
    apply: (v, [needle, start]) => {
      if (v === null) return null;
      const s = text(v);
      const from = start === undefined ? 0 : Number(start) < 0 ? s.length + Number(start) : Number(start);
      return int(s.indexOf(String(needle), Math.max(0, from)));
    },
  }),
  transform({
    name: 's.rindex', args: [{ kind: 'str' }, { kind: 'int', optional: true }], tier: 2,
    doc: 'position of the last occurrence of needle at or before start, -1 if absent',
    apply: (v, [needle, start]) => {
      if (v === null) return null;
      const s = text(v);
      const from = start === undefined ? s.length : Number(start) < 0 ? s.length + Number(start) : Number(start);
      return int(s.lastIndexOf(String(needle), from));
    },
  }),
  onString('s.trim', 2, 'blanks removed at both ends', (s) => str(s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''))),
  onString('s.triml', 2, 'blanks removed at the start', (s) => str(s.replace(/^[ \t\r\n]+/, ''))),
  onString('s.trimr', 2, 'blanks removed at the end', (s) => str(s.replace(/[ \t\r\n]+$/, ''))),
  onString('s.reverse', 2, 'characters in reverse order', (s) => str([...s].reverse().join(''))),
  onString('s.md5', 2, 'MD5 digest in lower-case hex', (s) => str(createHash('md5').update(s).digest('hex'))),
  onString('s.encode.hexa', 2, 'bytes as hex', (s) => str(hex(s))),
  onString('s.decode.hexa', 2, 'hex decoded to bytes', (s) =>
    /^(?:[0-9a-fA-F]{2})*$/.test(s) ? str(Buffer.from(s, 'hex').toString('utf8')) : null),
  onString('s.hex2dec', 2, 'hex number to decimal integer', (s) =>
    /^(0x)?[0-9a-fA-F]+$/.test(s) ? int(parseInt(s.replace(/^0x/, ''), 16)) : null),
  onString('s.dec2hex', 2, 'integer to hex', (s) => str((leadingInt(s) >>> 0).toString(16))),
  onString('s.b64encode', 2, 'base64 encoded', (s) => str(Buffer.from(s, 'utf8').toString('base64'))),
  onString('s.b64decode', 2, 'base64 decoded', (s) => str(Buffer.from(s, 'base64').toString('utf8'))),
  onString('s.escape.common', 2, "escapes ', \", \\ and NUL with a backslash", (s) =>
    str(s.replace(/['"\\]/g, (c) => '\\' + c).replace(/\0/g, '\\0'))),
  onString('s.unescape.common', 2, 'undoes s.escape.common', (s) =>
    str(s.replace(/\\(['"\\0])/g, (_, c: string) => (c === '0' ? '\0' : c)))),
  onString('s.escape.user', 2, 'percent-escapes what RFC 3261 does not allow in a URI user part', (s) =>
    str(s.replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g, (c) => encodeURIComponent(c)))),
  onString('s.unescape.user', 2, 'undoes percent-escaping', (s) => safeDecode(s)),
  onString('s.escape.param', 2, 'percent-escapes what RFC 3261 does not allow in a URI parameter', (s) =>
    str(s.replace(/[^A-Za-z0-9\-_.!~*'()[\]/:&+$]/g, (c) => encodeURIComponent(c)))),
  onString('s.unescape.param', 2, 'undoes percent-escaping', (s) => safeDecode(s)),
];

function safeDecode(s: string): MaybeValue {
  try {
    return str(decodeURIComponent(s));
  } catch {
    return null; // a broken escape fails the transformation: the variable reads NULL
  }
}
