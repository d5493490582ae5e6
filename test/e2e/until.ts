// Polls a condition a test waits for (a process reaching a state, a peer catching up), with
// a bound: resolves with the milliseconds it took, throws with the label (and any detail)
// when the time is up.
export async function until(label: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000,
  o: { everyMs?: number; detail?: () => string } = {}): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, o.everyMs ?? 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms: ${label}${o.detail ? `\n${o.detail()}` : ''}`);
}
