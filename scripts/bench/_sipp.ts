// What the sipp-driven benchmarks share (stateless, relay, register): one load step with
// sipp at a fixed rate and its outcome (held or not, p50/p99, server CPU per call), process
// CPU accounting on Linux, readiness, ports and number formatting. Not a benchmark itself
// (the leading underscore keeps it out of `npm run bench`'s list).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

/** How tsips is started for a benchmark: as `npm start` and bin/tsips.js's shebang start it
 *  (README, "Command line": the young generation sized for per-request garbage). */
export const TSIPS_NODE_FLAGS = ['--max-semi-space-size=64'] as const;

export interface Step { rate: number; ok: boolean; failed: number; seconds: number; p50: number; p99: number; cpuUsPerCall: number; firstError?: string }

export interface StepOptions {
  /** Folder for sipp's files (a subfolder per step is made). */
  readonly work: string;
  /** host:port sipp calls. */
  readonly target: string;
  /** The scenario: ['-sf', file] or ['-sn', 'uac'], plus anything else. */
  readonly scenario: readonly string[];
  readonly rate: number;
  readonly seconds: number;
  /** Processes whose CPU time is the server's (a process and its children). */
  readonly serverPid: number;
  /** A step whose calls take this much longer than planned did not hold the rate. */
  readonly slack?: number;
}

const SIPP_SOCKET_BUFFER = 4 * 1024 * 1024;

export async function sippStep(o: StepOptions): Promise<Step> {
  const dir = mkdtempSync(join(o.work, `sipp-${o.rate}-`));
  const calls = Math.round(o.rate * o.seconds);
  const cpu0 = treeCpuSeconds(o.serverPid);
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const p = spawn('sipp', [
      o.target, ...o.scenario, '-i', '127.0.0.1', '-p', '0', '-t', 'u1',
      '-r', String(o.rate), '-m', String(calls), '-l', String(o.rate * 4),
      '-trace_rtt', '-rtt_freq', '1000', '-trace_stat', '-stf', 'stat.csv', '-fd', '1',
      '-timeout', `${o.seconds * 4}s`, '-nostdin', '-trace_err',
      // The thousands of phones sipp stands for each have a socket of their own; its one
      // socket with the default 64 KB buffer dropped replies that a server sends in a burst.
      '-buff_size', String(SIPP_SOCKET_BUFFER),
    ], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
    // sipp's own -timeout does not always fire when it is overloaded: a watchdog ends the
    // step for sure, and the step counts as not held.
    const watchdog = setTimeout(() => p.kill('SIGKILL'), (o.seconds * 4 + 15) * 1000);
    p.once('exit', (c) => { clearTimeout(watchdog); resolve(c); });
    p.once('error', () => { clearTimeout(watchdog); resolve(null); });
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpuUsPerCall = ((treeCpuSeconds(o.serverPid) - cpu0) * 1e6) / calls;
  const rtts = readRtts(dir);
  const { successful, failed: sippFailed } = readFinalStats(dir);
  // Calls sipp never completed (stopped by -timeout) count as failed too.
  const failed = Math.max(sippFailed || 0, calls - (successful || 0));
  rtts.sort((a, b) => a - b);
  const q = (f: number) => (rtts.length ? rtts[Math.min(rtts.length - 1, Math.floor(f * rtts.length))]! : NaN);
  // sipp exits 0 only when every call succeeded.
  const ok = code === 0 && failed === 0 && successful === calls && seconds <= o.seconds * (o.slack ?? 1.25) + 1;
  return { rate: o.rate, ok, failed, seconds, p50: q(0.5), p99: q(0.99), cpuUsPerCall, firstError: ok ? undefined : firstSippError(dir) };
}

/** The first thing sipp reported as wrong in a step (its -trace_err file), said as sipp's. */
function firstSippError(dir: string): string | undefined {
  const f = readdirSync(dir).find((n) => n.endsWith('_errors.log'));
  if (!f) return undefined;
  const line = readFileSync(join(dir, f), 'utf8').split('\n').find((l) => /\S/.test(l) && !/^The following events occurred|open files|Maximum number of open sockets/.test(l));
  return line === undefined ? undefined : `sipp: ${line.replace(/^\S+\s+\S+\s+\S+:\s*/, '').slice(0, 160)}`;
}

/** Steps up the rates until one is not held (each failed step is tried once more: a shared
 *  machine drops a datagram now and then). */
export async function ramp(rates: readonly number[], step: (rate: number) => Promise<Step>, log: (s: Step) => void): Promise<Step[]> {
  const out: Step[] = [];
  for (const rate of rates) {
    let s = await step(rate);
    if (!s.ok) s = await step(rate);
    out.push(s);
    log(s);
    if (!s.ok) break;
  }
  return out;
}

export function best(steps: readonly Step[] | undefined): Step | undefined {
  return steps?.filter((s) => s.ok).at(-1);
}

export function describeStep(s: Step): string {
  return `${s.rate}/s: ${s.ok ? 'held' : 'NOT held'} (${s.failed} failed, ${s.seconds.toFixed(1)} s, p50 ${fmtMs(s.p50)} p99 ${fmtMs(s.p99)}, server CPU ${s.cpuUsPerCall.toFixed(1)} µs/call)${s.firstError ? `; ${s.firstError}` : ''}`;
}

/** User + system CPU time of a process and all its descendants (Linux /proc; clock ticks
 *  are 1/100 s there). NaN elsewhere. */
export function treeCpuSeconds(root: number): number {
  try {
    const byParent = new Map<number, number[]>();
    const cpu = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try { stat = readFileSync(`/proc/${name}/stat`, 'utf8'); } catch { continue; }
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      const kids = byParent.get(ppid) ?? [];
      kids.push(pid);
      byParent.set(ppid, kids);
    }
    let total = 0;
    const stack = [root];
    while (stack.length) {
      const p = stack.pop()!;
      total += cpu.get(p) ?? 0;
      stack.push(...(byParent.get(p) ?? []));
    }
    return total;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process in bytes (Linux). */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The last line of sipp's -trace_stat file: cumulative successful and failed calls. */
export function readFinalStats(dir: string): { successful: number; failed: number } {
  let lines: string[];
  try {
    lines = readFileSync(join(dir, 'stat.csv'), 'utf8').trim().split('\n');
  } catch {
    return { successful: 0, failed: Number.NaN };
  }
  const head = lines[0]!.split(';');
  const last = lines[lines.length - 1]!.split(';');
  const col = (name: string) => Number(last[head.indexOf(name)]);
  return { successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
}

/** sipp's -trace_rtt file: "Date_ms;response_time_ms;rtd_no" per call (whole milliseconds). */
export function readRtts(dir: string): number[] {
  const f = readdirSync(dir).find((n) => n.endsWith('_rtt.csv'));
  if (!f) return [];
  const out: number[] = [];
  for (const line of readFileSync(join(dir, f), 'utf8').split('\n').slice(1)) {
    const v = Number(line.split(';')[1]);
    if (line && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** sipp measures in whole milliseconds: 0 means under 1 ms. */
export function fmtMs(ms: number): string {
  return !Number.isFinite(ms) ? '-' : ms === 0 ? '<1 ms' : `${ms} ms`;
}

export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Resolves when the process prints `pattern` on stderr (tsips prints "ready"). */
export function ready(p: ChildProcess, name: string, pattern = /ready/): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 15_000);
    p.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) { clearTimeout(timer); resolve(); }
    });
    p.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited (${code}):\n${out}`)); });
  });
}

/** Servers started in a process group of their own (Kamailio forks workers): signalled as
 *  a group, and killed when the benchmark exits, even on an error. */
const groups = new Set<number>();
process.on('exit', () => { for (const g of groups) try { process.kill(-g, 'SIGKILL'); } catch { /* gone */ } });
// A benchmark stopped from outside (CI's timeout) still takes its servers down with it.
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(sig, () => process.exit(128 + 15));

export function spawnGroup(cmd: string, args: string[], opts: { cwd?: string; quiet?: boolean } = {}): ChildProcess {
  const p = spawn(cmd, args, { cwd: opts.cwd, stdio: opts.quiet ? 'ignore' : ['ignore', 'ignore', 'pipe'], detached: true });
  if (p.pid) groups.add(p.pid);
  p.once('exit', () => { if (p.pid) groups.delete(p.pid); });
  return p;
}

export function stop(p: ChildProcess): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (p.pid && groups.has(p.pid)) process.kill(-p.pid, sig);
      else p.kill(sig);
    } catch { /* already gone */ }
  };
  if (p.exitCode !== null || p.signalCode !== null) {
    signal('SIGKILL'); // its workers may outlive it
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const t = setTimeout(() => signal('SIGKILL'), 5000);
    p.once('exit', () => { clearTimeout(t); signal('SIGKILL'); resolve(); });
    signal('SIGTERM');
  });
}
