// The CLI front of the script loader: `tsips -c` and `tsips --dump-ast` on corpus files and
// on a broken file (every error printed, non-zero exit).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
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
  // tsips does not have yet is refused at those loadmodule lines only, with no other error.
  it('-c on every corpus script: ok, or only unknown modules, each at its loadmodule line', async () => {
    for (const file of readdirSync(corpusDir).filter((f) => f.endsWith('.cfg'))) {
      const path = join(corpusDir, file);
      // A listening socket is given as a user would: OpenSIPS listens on every address
      // without one, tsips asks for it (-l or socket=).
      const r = await run(['-c', '-f', path, '-l', 'udp:127.0.0.1:5060']);
      const errors = r.err.split('\n').filter((l) => l.includes(': error: '));
      if (r.code === 0) {
        expect(errors, file).toEqual([]);
        continue;
      }
      expect(errors.length, file).toBeGreaterThan(0);
      const lines = readFileSync(path, 'utf8').split('\n');
      for (const e of errors) {
        const m = /^.*?:(\d+):\d+: error: unknown module '(\w+)'.*\[TSIPS_MODULE_NOT_FOUND\]$/.exec(e);
        expect(m, `${file}: ${e}`).not.toBeNull();
        expect(lines[Number(m![1]) - 1]).toMatch(new RegExp(`loadmodule\\s+"${m![2]}\\.so"`));
      }
    }
  });
  it('-c with real modules: an unknown function, a wrong argument count and a route-type violation give three located errors', async () => {
    const r = await run(['-c', '-f', join('test', 'script', 'cli', 'three-link-errors.cfg')]);
    expect(r.code).toBe(255);
    const errors = r.err.split('\n').filter((l) => l.includes(': error: '));
    expect(errors.map((e) => e.replace(/^.*three-link-errors\.cfg:/, ''))).toEqual([
      "8:3: error: unknown function 'sl_send_replly' [TSIPS_LINK_UNKNOWN_FUNCTION]",
      '9:2: error: too few arguments for sl_send_reply(): it takes 2, got 1 [TSIPS_LINK_ARG_COUNT]',
      '13:2: error: sl_send_reply() cannot be used in onreply_route [TSIPS_LINK_ROUTE_TYPE]',
    ]);
    expect(r.err).toContain("did you mean 'sl_send_reply'?");
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
