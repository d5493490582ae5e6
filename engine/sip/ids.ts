// Identifiers a SIP element generates: branch (RFC 3261 8.1.1.7, magic cookie z9hG4bK),
// tags (19.3, at least 32 bits of randomness) and Call-IDs (8.1.1.4). Random bytes come from
// a pooled crypto buffer so generating one costs no system call.
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let used = POOL_SIZE;

function randomHex(bytes: number): string {
  if (used + bytes > POOL_SIZE) {
    randomFillSync(pool);
    used = 0;
  }
  const s = pool.toString('hex', used, used + bytes);
  used += bytes;
  return s;
}

export const BRANCH_COOKIE = 'z9hG4bK';

/** A new Via branch: the RFC 3261 magic cookie plus 64 random bits. */
export function generateBranch(): string {
  return BRANCH_COOKIE + randomHex(8);
}

/** Whether a branch has generateBranch()'s form (tm leaves replies to such branches, sent
 *  by stateless forward(), to the core). */
export function isGeneratedBranch(branch: string): boolean {
  return branch.length === BRANCH_COOKIE.length + 16 && branch.startsWith(BRANCH_COOKIE) && /^[0-9a-f]{16}$/.test(branch.slice(BRANCH_COOKIE.length));
}

/** A new From/To tag: 64 random bits. */
export function generateTag(): string {
  return randomHex(8);
}

/** A new Call-ID: 128 random bits, `@host` appended when given. */
export function generateCallId(host?: string): string {
  const id = randomHex(16);
  return host ? `${id}@${host}` : id;
}

/** FNV-1a, 32 bits, as 8 hex digits: a cheap stable hash for tags that must repeat for a
 *  retransmitted request (stateless To tags). Separates requests; not a security boundary. */
export function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
