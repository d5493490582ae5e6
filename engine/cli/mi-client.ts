// One JSON-RPC 2.0 call to mi_http (POST /mi), as tsips-cli, the benchmarks and the e2e tests
// make it.

export interface MiReply {
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

/** The mi_http endpoint on loopback at this port. */
export const miUrl = (port: number): string => `http://127.0.0.1:${port}/mi`;

/** Throws only when the endpoint cannot be reached or answers no JSON. */
export async function callMi(url: string, method: string, params: unknown = {}): Promise<MiReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
  });
  return (await res.json()) as MiReply;
}

/** One statistic (get_statistics) as a number. */
export async function miStatistic(url: string, name: string): Promise<number> {
  const r = await callMi(url, 'get_statistics', { statistics: [name] });
  return Number((r.result as Record<string, unknown> | undefined)?.[name]);
}
