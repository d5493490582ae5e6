// Start-up failures of a real process: located errors, exit 255, and `-c` as OpenSIPS prints it.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTsips } from './tsips-process.js';

const dir = mkdtempSync(join(tmpdir(), 'tsips-e2e-err-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

async function runTsips(args: string[]): Promise<{ code: number | null; out: string }> {
  const p = startTsips(args);
  const { code } = await p.exited;
  return { code, out: p.output() };
}

describe('tsips start-up errors', () => {
  it('no socket: "no transport protocol loaded", exit 255', async () => {
    const f = script('nosock.cfg', 'loadmodule "proto_udp.so"\nroute { exit; }\n');
    const r = await runTsips(['-f', f]);
    expect(r.code).toBe(255);
    expect(r.out).toMatch(/no transport protocol loaded/);
  });

  it('socket without its proto module: located error naming the line', async () => {
    const f = script('noproto.cfg', 'socket=udp:127.0.0.1:5999\nroute { exit; }\n');
    const r = await runTsips(['-c', '-f', f]);
    expect(r.code).toBe(255);
    expect(r.out).toContain(`${f}:1:1: error: no transport protocol loaded for socket udp:127.0.0.1`);
  });

  it('-c prints every error, or "config file ok, exiting..."', async () => {
    const bad = script('bad.cfg', 'foo_param=1\nloadmodule "proto_udp.so"\nloadmodule "nope.so"\nsocket=udp:127.0.0.1:5999\nroute { exit; }\n');
    const r1 = await runTsips(['-c', '-f', bad]);
    expect(r1.code).toBe(255);
    expect(r1.out).toMatch(/bad\.cfg:1:1: error: unknown global parameter 'foo_param'/);
    expect(r1.out).toMatch(/bad\.cfg:3:12: error: unknown module 'nope'/);
    const good = script('good.cfg', 'loadmodule "proto_udp.so"\nloadmodule "sl.so"\nroute { sl_send_reply(200, "OK"); }\n');
    const r2 = await runTsips(['-C', '-f', good, '-l', '127.0.0.1:5999']);
    expect(r2.out).toMatch(/config file ok, exiting\.\.\./);
    expect(r2.code).toBe(0);
  });
});
