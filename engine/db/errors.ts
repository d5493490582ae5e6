// Database errors with a code, and the test for "the database is not reachable" (an outage
// to survive) as opposed to "the query is wrong" (a bug to report).
export class DbError extends Error {
  constructor(readonly code: 'DB_BAD_URL' | 'DB_UNREACHABLE' | 'DB_VERSION' | 'DB_QUERY' | 'DB_NO_SESSION', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbError';
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03']);

export function isConnectionError(e: unknown): boolean {
  for (let err = e as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 4; err = err.cause as typeof err, depth++) {
    const code = typeof err.code === 'string' ? err.code : '';
    if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
    const msg = typeof err.message === 'string' ? err.message : '';
    if (/Connection terminated|Knex: Timeout acquiring a connection|connect ECONNREFUSED|Client has encountered a connection error|terminating connection/i.test(msg)) return true;
  }
  return false;
}

/** What went wrong, for the log: knex puts the whole statement in front of the driver's
 *  message, which for a batch of rows runs to kilobytes of placeholders. */
export function dbErrorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const sep = msg.lastIndexOf(' - ');
  return sep >= 0 && /^(insert|update|delete|select|with|create|alter) /i.test(msg) ? msg.slice(sep + 3) : msg;
}
