// save()'s flag string (reference 4.1): comma-separated names, some with "=value". The
// one-letter forms of OpenSIPS 2.x are refused, as OpenSIPS 3.x does.
export interface SaveFlags {
  memoryOnly: boolean;
  noReply: boolean;
  maxContacts?: number;
  forceRegistration: boolean;
  matching?: { mode: 0 | 1 | 2; params?: string[] };
  path: 'off' | 'lazy' | 'strict' | 'default';
  pathReceived: boolean;
  onlyRequestContacts: boolean;
  minExpires?: number;
  maxExpires?: number;
}

export function parseSaveFlags(text: string | undefined): SaveFlags | string {
  const f: SaveFlags = { memoryOnly: false, noReply: false, forceRegistration: false, path: 'default', pathReceived: false, onlyRequestContacts: false };
  for (const raw of (text ?? '').split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : item.slice(eq + 1).trim();
    const num = () => (value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined);
    switch (name) {
      case 'memory-only': f.memoryOnly = true; break;
      case 'no-reply': f.noReply = true; break;
      case 'force-registration': f.forceRegistration = true; break;
      case 'path-off': f.path = 'off'; break;
      case 'path-lazy': f.path = 'lazy'; break;
      case 'path-strict': f.path = 'strict'; break;
      case 'path-received': f.pathReceived = true; break;
      case 'only-request-contacts': f.onlyRequestContacts = true; break;
      case 'socket-header': break; // accepted; tsips does not read a socket header
      case 'max-contacts': if ((f.maxContacts = num()) === undefined) return `max-contacts needs a number, got '${value ?? ''}'`; break;
      case 'min-expires': if ((f.minExpires = num()) === undefined) return `min-expires needs a number, got '${value ?? ''}'`; break;
      case 'max-expires': if ((f.maxExpires = num()) === undefined) return `max-expires needs a number, got '${value ?? ''}'`; break;
      case 'matching-mode':
        if (value === '0' || value === '1') f.matching = { mode: Number(value) as 0 | 1 };
        else if (value && /^<[^>]+>$/.test(value)) f.matching = { mode: 2, params: [value.slice(1, -1)] };
        else return `matching-mode takes 0, 1 or <param>, got '${value ?? ''}'`;
        break;
      default:
        return `unknown save() flag '${item}'${/^[a-z]$/i.test(item) ? ' (the one-letter flags of OpenSIPS 2.x are gone: use the names)' : ''}`;
    }
  }
  return f;
}

export interface LookupFlags { methodFiltering: boolean; noBranches: boolean; toBranchesOnly: boolean; branch: boolean }

export function parseLookupFlags(text: string | undefined): LookupFlags | string {
  const f: LookupFlags = { methodFiltering: false, noBranches: false, toBranchesOnly: false, branch: false };
  for (const raw of (text ?? '').split(',')) {
    const item = raw.trim().toLowerCase();
    if (!item) continue;
    if (item === 'method-filtering' || item === 'm') f.methodFiltering = true;
    else if (item === 'no-branches' || item === 'b') f.noBranches = true;
    else if (item === 'to-branches-only' || item === 'r') f.toBranchesOnly = true;
    else if (item === 'branch') f.branch = true;
    else if (/^(ua-filtering=|case-insensitive|extended-regexp|global|max-ping-latency=|sort-by-latency)/.test(item)) continue; // accepted, no effect
    else return `unknown lookup() flag '${raw.trim()}'`;
  }
  return f;
}
