// The usrloc timer (reference 7.3), every timer_interval seconds: expired contacts are
// removed (EXPIRE callbacks, the `<domain>-expires` statistic), empty records dropped, and
// changes written to SQL in the modes that keep them.
import { UL_AOR_EXPIRE, UL_CONTACT_EXPIRE } from './api.js';
import type { Usrloc } from './ul.js';
import type { Persistence } from './persist.js';

export async function ulTimer(ul: Usrloc, persistence: Persistence | undefined): Promise<void> {
  const now = ul.nowSec();
  for (const d of ul.domains.values()) {
    for (const r of [...d.records.values()]) {
      for (const c of [...r.contacts]) {
        if (c.expires !== 0 && c.expires <= now) ul.expireContact(r, c, UL_CONTACT_EXPIRE);
      }
      if (r.contacts.length === 0) ul.dropRecord(r, UL_AOR_EXPIRE, 'timer');
    }
  }
  await persistence?.flush();
}
