// The value model of script variables (OpenSIPS pvar.h): a value may have a string form,
// an integer form, and be "primarily integer" (which decides assignment type and
// arithmetic). NULL is `null`. Kept as small plain objects: they are made per read.

export interface Value {
  /** String form, when the value has one. */
  readonly s?: string;
  /** Integer form (32-bit signed), when the value has one. */
  readonly i?: number;
  /** OpenSIPS's PV_TYPE_INT: the value is an integer first (e.g. $rs, an int $var). */
  readonly intFirst: boolean;
}

export type MaybeValue = Value | null;

export const str = (s: string): Value => ({ s, intFirst: false });

/** An integer value; like every integer pvar it also has its decimal string form. */
export const int = (i: number): Value => ({ s: String(i | 0), i: i | 0, intFirst: true });

/** A string that also has an integer form but is not primarily one (e.g. $rm, $rp). */
export const strInt = (s: string, i: number): Value => ({ s, i, intFirst: false });

/** The string a value prints as in xlog and formatted strings (NULL prints as "<null>"). */
export function printed(v: MaybeValue): string {
  if (v === null) return '<null>';
  return v.s ?? String(v.i ?? '');
}

/** Truth of a variable used alone as a condition (script-language.md section 6.5). */
export function truthy(v: MaybeValue): boolean {
  if (v === null) return false;
  if (v.intFirst) return (v.i ?? 0) !== 0;
  if (v.s !== undefined) return v.s.length > 0;
  return (v.i ?? 0) !== 0;
}

/** The leading integer of a string, as C's strtol would read it: "12ab" -> 12, "x" -> 0. */
export function leadingInt(s: string): number {
  let k = 0;
  while (k < s.length && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
  let sign = 1;
  if (s[k] === '-' || s[k] === '+') { if (s[k] === '-') sign = -1; k++; }
  let n = 0;
  for (; k < s.length; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return (sign * n) | 0;
}
