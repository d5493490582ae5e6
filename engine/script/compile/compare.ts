// Comparisons with OpenSIPS's rules (script-language.md 6.2, route.c comp_scriptvar):
// string == and != are case-insensitive, a type mismatch is an ERROR (not false), NULL
// against a constant is only "different", regexes search case-insensitively.
import { BlockList, isIP } from 'node:net';
import type { CompareOp, IpLit } from '../ast.js';
import type { MaybeValue, Value } from '../value.js';
import { compilePosixRegex } from '../posix-regex.js';
import { ERROR, FALSE, TRUE, type Cond } from './flow.js';

const b = (x: boolean): Cond => (x ? TRUE : FALSE);

function order(op: CompareOp, c: number): Cond {
  switch (op) {
    case '==': return b(c === 0);
    case '!=': return b(c !== 0);
    case '<': return b(c < 0);
    case '>': return b(c > 0);
    case '<=': return b(c <= 0);
    case '>=': return b(c >= 0);
    default: return ERROR;
  }
}

/** Case-insensitive, byte by byte, the shorter string first when it is a prefix. */
const strCmp = (a: string, c: string): number => {
  const x = a.toLowerCase(), y = c.toLowerCase();
  return x === y ? 0 : x < y ? -1 : 1;
};

/** NULL on one side only: "different" is the only true answer. */
const oneNull = (op: CompareOp): Cond => b(op === '!=' || op === '!~');

export function compareWithString(op: CompareOp, l: MaybeValue, r: string, re?: RegExp): Cond {
  if (l === null) return oneNull(op);
  if (l.s === undefined) return ERROR;
  if (op === '=~' || op === '!~') return b((re ?? compilePosixRegex(r)).test(l.s) === (op === '=~'));
  return order(op, strCmp(l.s, r));
}

export function compareWithNumber(op: CompareOp, l: MaybeValue, r: number): Cond {
  if (l === null) return oneNull(op);
  if (l.i === undefined || op === '=~' || op === '!~') return ERROR;
  return order(op, l.i - r);
}

export const compareWithNull = (op: CompareOp, l: MaybeValue): Cond =>
  op === '==' ? b(l === null) : op === '!=' ? b(l !== null) : ERROR;

export function compareValues(op: CompareOp, l: MaybeValue, r: MaybeValue): Cond {
  if (l === null && r === null) return b(op === '==' || op === '<=' || op === '>=');
  if (l === null || r === null) return oneNull(op);
  if (op === '=~' || op === '!~') {
    if (l.s === undefined || r.s === undefined) return ERROR;
    try { return b(compilePosixRegex(r.s).test(l.s) === (op === '=~')); } catch { return ERROR; }
  }
  if (l.i !== undefined && r.i !== undefined && (l.intFirst || r.intFirst || l.s === undefined || r.s === undefined)) {
    return order(op, l.i - r.i);
  }
  if (l.s !== undefined && r.s !== undefined) return order(op, strCmp(l.s, r.s));
  if (l.i !== undefined && r.i !== undefined) return order(op, l.i - r.i);
  return ERROR;
}

/** `$si == 10.0.0.0/8`: true when the string is an IP inside the network; false if not an IP. */
export function ipMatcher(lit: IpLit): (v: Value | null) => boolean {
  const list = new BlockList();
  const type = lit.family === 6 ? 'ipv6' : 'ipv4';
  if (lit.mask === null) list.addAddress(lit.address, type);
  else list.addSubnet(lit.address, maskBits(lit.mask), type);
  return (v) => {
    const s = v?.s?.replace(/^\[|\]$/g, '');
    const fam = s ? isIP(s) : 0;
    return fam !== 0 && list.check(s!, fam === 6 ? 'ipv6' : 'ipv4');
  };
}

function maskBits(mask: string): number {
  if (/^\d+$/.test(mask)) return Number(mask);
  return mask.split('.').reduce((n, o) => n + (Number(o).toString(2).match(/1/g)?.length ?? 0), 0);
}
