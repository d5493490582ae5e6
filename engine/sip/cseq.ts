// CSeq = 1*DIGIT LWS Method (RFC 3261 20.16). The number must be below 2**31 (8.1.1.5), which
// rejects RFC 4475 3.1.2.4 scalar02 and 3.1.2.5 scalarlg.
import { TOKEN, isDigit } from './char-classes.js';
import { headerError } from './errors.js';
import { parseUint, skipWs } from './params.js';

export interface CSeq {
  seq: number;
  method: string;
}

export function parseCSeqValue(value: string): CSeq {
  let i = 0;
  while (isDigit(value.charCodeAt(i))) i++;
  const seq = parseUint(value.slice(0, i), 0x7fffffff, 'cseq', 'sequence number');
  const ms = skipWs(value, i, value.length);
  if (ms === i) throw headerError('cseq', 'expected LWS between the number and the method');
  let e = ms;
  while (e < value.length && TOKEN[value.charCodeAt(e)] === 1) e++;
  if (e === ms || e !== value.length) throw headerError('cseq', 'method is not a token');
  return { seq, method: value.slice(ms) };
}
