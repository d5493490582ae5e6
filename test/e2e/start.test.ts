// `npm start` runs tsips on examples/default.cfg: it must come up, stay up, and exit 0 on
// SIGINT or SIGTERM (the acceptance of the Foundation issue).
import { describe, it, expect } from 'vitest';
import { startTsips } from './tsips-process.js';

describe('tsips process lifecycle', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`starts on examples/default.cfg, stays up, and exits 0 on ${signal}`, async () => {
      const p = startTsips(['-f', 'examples/default.cfg']);
      await p.waitFor(/ready/);
      await new Promise((r) => setTimeout(r, 300));
      expect(p.child.exitCode).toBeNull(); // still running
      const r = await p.stop(signal);
      expect(r).toEqual({ code: 0, signal: null });
    });
  }

  it('exits non-zero with a message when the script does not exist', async () => {
    const p = startTsips(['-f', 'examples/no-such-file.cfg']);
    const { code } = await p.exited;
    expect(code).not.toBe(0);
    expect(p.output()).toMatch(/cannot read script 'examples\/no-such-file.cfg'/);
  });
});
