// The Via branch of every request tm sends: `z9hG4bK` + a per-process prefix + the
// transaction id (base 36) + `.` + the branch index. A reply's top Via gives the
// transaction and the branch back without any table of branches (OpenSIPS does the same
// with hash index and label, tm.md 7.2); the random prefix makes branches of another
// process, or of an earlier run of this one, miss instead of matching the wrong transaction.
import { randomBytes } from 'node:crypto';
import { BRANCH_COOKIE } from '../../engine/sip/index.js';

const PREFIX = `${BRANCH_COOKIE}T${randomBytes(3).toString('hex')}`;

export function branchOf(txId: number, index: number): string {
  return `${PREFIX}${txId.toString(36)}.${index}`;
}

export interface ParsedBranch { readonly txId: number; readonly index: number }

/** undefined when the branch is not one of ours. */
export function parseBranch(branch: string | undefined): ParsedBranch | undefined {
  if (branch === undefined || !branch.startsWith(PREFIX)) return undefined;
  const dot = branch.lastIndexOf('.');
  if (dot <= PREFIX.length) return undefined;
  const txId = parseInt(branch.slice(PREFIX.length, dot), 36);
  const index = Number(branch.slice(dot + 1));
  if (!Number.isSafeInteger(txId) || !Number.isInteger(index) || index < 0) return undefined;
  return { txId, index };
}

/** Whether a branch carries tm's prefix (a reply to it that matches nothing is dropped). */
export function looksLikeOurs(branch: string | undefined): boolean {
  return branch !== undefined && branch.startsWith(PREFIX);
}
