// lookup() (reference 7.3): the AOR's valid contacts become the Request-URI (the first, in
// list order) and branches (the others); $du goes to the first Path hop or the NAT address.
import type { MessageContext } from '../../engine/core/message-context.js';
import type { UDomain } from '../usrloc/api.js';
import { extractAor } from '../../engine/core/aor-key.js';
import { methodBit } from './methods.js';
import type { LookupFlags } from './save-flags.js';
import type { RegState } from './state.js';

export function lookup(st: RegState, ctx: MessageContext, d: UDomain, flags: LookupFlags, aorUri: string | undefined): number {
  try {
    void ctx.msg.callId; // OpenSIPS refuses a request without a Call-ID (-3)
  } catch {
    return -3;
  }
  const a = extractAor(aorUri ?? ctx.newRuri ?? ctx.msg.ruri, st.cfg);
  if ('error' in a) return -3;
  const r = st.ul.getUrecord(d, a.aor);
  if (!r) return -1;
  const bit = methodBit(ctx.msg.method);
  let valid = 0;
  let pushed = 0;
  for (const c of r.contacts) {
    if (!st.ul.isValid(c)) continue;
    valid++;
    if (flags.methodFiltering && (c.methods & bit) === 0) continue;
    const path = c.path;
    const firstPath = path ? /<([^>]+)>/.exec(path)?.[1] : undefined;
    const dst = firstPath ?? c.received;
    if (pushed === 0 && !flags.toBranchesOnly) {
      ctx.newRuri = c.uri;
      ctx.dstUri = dst;
      ctx.pathVector = path;
      ctx.branchFlags |= c.cflags;
    } else {
      if (flags.noBranches) break;
      ctx.branches.push({ uri: c.uri, q: c.q, dstUri: dst, path, flags: c.cflags });
    }
    pushed++;
  }
  if (pushed > 0) return 1;
  return valid > 0 ? -2 : -1;
}
