// db_url as OpenSIPS writes it, for the backends tsips has: `postgres://` / `postgresql://`
// (the pg driver) and `pglite://memory` / `pglite:///path/to/dir` (embedded PGlite).
import { DbError } from './errors.js';

export type DbKind = 'postgres' | 'pglite';

export interface DbUrl {
  readonly kind: DbKind;
  /** postgres: the connection string; pglite: the data directory, undefined in memory. */
  readonly target: string | undefined;
  readonly safeUrl: string;
}

/** The URL with any password replaced by '***'. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

export function parseDbUrl(url: string): DbUrl {
  const safeUrl = maskUrl(url);
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(url.trim());
  if (!m) throw new DbError('DB_BAD_URL', `bad db_url '${safeUrl}': expected postgres://user:password@host[:port]/database or pglite://memory`);
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return { kind: 'postgres', target: url.trim(), safeUrl };
  if (scheme === 'pglite') {
    const rest = m[2]!;
    if (rest === 'memory' || rest === '') return { kind: 'pglite', target: undefined, safeUrl };
    if (!rest.startsWith('/')) throw new DbError('DB_BAD_URL', `bad db_url '${safeUrl}': pglite wants pglite://memory or pglite:///absolute/path`);
    return { kind: 'pglite', target: rest, safeUrl };
  }
  throw new DbError('DB_BAD_URL', `db_url '${safeUrl}': tsips has no ${scheme} backend; use postgres://user:password@host/database (an OpenSIPS PostgreSQL database works as is) or pglite:///path/to/dir for the embedded one`);
}
