// Runs sipp for e2e tests: bounded (every run has -timeout), on 127.0.0.1, with its call
// counters read back from the statistics file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SippResult {
  readonly code: number | null;
  readonly output: string;
  readonly successful: number;
  readonly failed: number;
}

export interface SippRun {
  readonly done: Promise<SippResult>;
  kill(): void;
}

/** `args` are sipp's own; -trace_stat, -stf, -timeout and -i are added. */
export function sipp(args: string[], timeoutS = 30): SippRun {
  const dir = mkdtempSync(join(tmpdir(), 'tsips-sipp-'));
  const stf = join(dir, 'stat.csv');
  const child = spawn('sipp', [...args, '-i', '127.0.0.1', '-trace_stat', '-stf', stf, '-fd', '1', '-timeout', `${timeoutS}s`, '-timeout_error', '-nostdin'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { output += b.toString(); });
  const done = new Promise<SippResult>((resolve) => {
    child.on('error', (e) => resolve({ code: -1, output: `sipp did not start (${e.message}); install it: apt-get install sip-tester`, successful: 0, failed: 0 }));
    child.on('exit', (code) => {
      const counts = readCounts(stf, dir);
      resolve({ code, output: output.slice(-4000), ...counts });
    });
  });
  return { done, kill: () => child.kill('SIGUSR1') };
}

/** The last row of sipp's statistics CSV: cumulative successful and failed calls. */
function readCounts(stf: string, dir: string): { successful: number; failed: number } {
  let text: string;
  try {
    text = readFileSync(stf, 'utf8');
  } catch {
    const f = readdirSync(dir).find((n) => n.endsWith('.csv'));
    if (!f) return { successful: 0, failed: 0 };
    text = readFileSync(join(dir, f), 'utf8');
  }
  const rows = text.trim().split('\n').map((l) => l.split(';'));
  const head = rows[0] ?? [];
  const last = rows[rows.length - 1] ?? [];
  const col = (name: string) => Number(last[head.indexOf(name)] ?? 0);
  return { successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
}
