// The CLI front of the script loader: `tsips -c` and `tsips --dump-ast` on corpus files and
// on a broken file (every error printed, non-zero exit).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { main } from '../../engine/cli/tsips.js';
import { corpusDir, repoRoot } from '../grammar/helpers.js';

async function run(args: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, out, err };
}
afterEach(() => vi.restoreAllMocks());

describe('tsips -c / --dump-ast', () => {
  // -c also loads the modules and links (engine/core/server): a corpus script using modules
  // tsips does not have yet is refused at those loadmodule lines only, with no syntax error.
  it('-c on a corpus script: clean syntax; only missing modules are reported, at their lines', async () => {
    const r = await run(['-c', '-f', join(corpusDir, 'sipssert_startup_02.gen-residential-cfg.cfg')]);
    const errors = r.err.split('\n').filter((l) => l.includes(': error: '));
    if (r.code === 0) return expect(r.err).toContain('config file ok');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/: error: unknown module '\w+'.*\[TSIPS_MODULE_NOT_FOUND\]$/);
  });
  it('--dump-ast prints the tree as JSON', async () => {
    const r = await run(['--dump-ast', '-f', join(corpusDir, 'opensips_etc_default.cfg')]);
    expect(r.code).toBe(0);
    const ast = JSON.parse(r.out);
    expect(ast.type).toBe('Script');
    expect(ast.items.filter((i: { type: string }) => i.type === 'Route').map((i: { kind: string }) => i.kind))
      .toEqual(['route', 'route', 'branch_route', 'onreply_route', 'failure_route']);
  });
  it('-c on a broken script prints every error and exits non-zero', async () => {
    const r = await run(['-c', '-f', join('test', 'script', 'errors', 'three-errors', 'main.cfg')]);
    expect(r.code).not.toBe(0);
    expect(r.err.match(/: error: /g)).toHaveLength(3);
    expect(r.err).toContain('test/script/errors/three-errors/main.cfg:9:2: error: bare word');
    expect(r.err).toContain('tsips: 3 errors in');
  });
  it('the repository example parses', async () => {
    expect((await run(['-c', '-f', join(repoRoot, 'examples', 'default.cfg')])).code).toBe(0);
  });
});
