// Arithmetic, bitwise and concatenation on values (script-language.md 6.4): 32-bit C
// integers (wrapping, truncating division), `+` concatenates strings, `/ 0` logs and
// gives 0, an operand of the wrong type gives no value.
import type { BinaryOp } from '../ast.js';
import { int, str, type MaybeValue } from '../value.js';

/** `value` undefined = no value (the expression failed); `error` is what to log. */
export interface ArithResult { value: MaybeValue | undefined; error?: string }

export function intOp(op: BinaryOp, a: number, c: number): number | 'div0' {
  switch (op) {
    case '+': return (a + c) | 0;
    case '-': return (a - c) | 0;
    case '*': return Math.imul(a, c);
    case '/': return c === 0 ? 'div0' : (a / c) | 0;
    case '%': return c === 0 ? 'div0' : (a % c) | 0;
    case '|': return a | c;
    case '&': return a & c;
    case '^': return a ^ c;
    case '<<': return a << c;
    case '>>': return a >> c;
  }
}

export function binary(op: BinaryOp, l: MaybeValue, r: MaybeValue): ArithResult {
  if (l !== null && l.intFirst) {
    if (r !== null && r.i === undefined) return { value: undefined, error: 'invalid numeric operands' };
    const x = intOp(op, l.i ?? 0, r?.i ?? 0);
    return x === 'div0' ? { error: 'divide by 0', value: int(0) } : { value: int(x) };
  }
  // A string (or NULL, read as the empty string) on the left.
  const ls = l === null ? '' : l.s ?? '';
  if (op === '+') {
    if (r !== null && r.s === undefined) return { value: undefined, error: 'cannot concatenate a string and an integer literal' };
    return { value: str(ls + (r === null ? '' : r.s)) };
  }
  if ((op === '&' || op === '|' || op === '^') && r?.s !== undefined && r.s.length === ls.length && !r.intFirst) {
    let out = '';
    for (let k = 0; k < ls.length; k++) out += String.fromCharCode(intOp(op, ls.charCodeAt(k), r.s.charCodeAt(k)) as number);
    return { value: str(out) };
  }
  return { value: undefined, error: `invalid operation '${op}' on a string` };
}
