// Method bit masks as OpenSIPS stores them in the location table (parser/msg_parser.h).
const BITS: Record<string, number> = {
  INVITE: 1, CANCEL: 2, ACK: 4, BYE: 8, INFO: 16, OPTIONS: 32, UPDATE: 64, REGISTER: 128, MESSAGE: 256,
  SUBSCRIBE: 512, NOTIFY: 1024, PRACK: 2048, REFER: 4096, PUBLISH: 8192,
};
const OTHER = 16384;
export const ALL_METHODS = 0xffffffff;

export function methodBit(method: string): number {
  return BITS[method.toUpperCase()] ?? OTHER;
}

/** A methods list (Contact `methods` param or Allow header values) as a mask. */
export function methodMask(names: readonly string[]): number {
  let m = 0;
  for (const n of names) m |= methodBit(n.trim());
  return m >>> 0;
}
