// `npm run bench -- stateless [rates...]`: sipp (the UAC, scripts/bench/sipp/options.xml)
// sends OPTIONS at rising rates, each step STEP_S seconds and a bounded number of calls,
// against (a) a tsips process whose script answers sl_send_reply("200", "OK") and (b) the
// ceiling: a bare Node UDP responder (ceiling-responder.ts). For each target: the highest
// rate held (no failed call, and the calls done in about the planned time), p50/p99 response
// time at that rate, and tsips / ceiling. A failed step is tried once more before it counts. Needs `sipp` on the PATH (Debian: sip-tester).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url)); // dist/scripts/bench
const root = join(here, '..', '..', '..');
const SCENARIO = join(root, 'scripts', 'bench', 'sipp', 'options.xml');
const DEFAULT_RATES = [2000, 4000, 8000, 12000, 16000];
const STEP_S = 5;
/** A step whose calls take this much longer than planned did not hold the rate. */
const SLACK = 1.25;

const SCRIPT = `log_level=2
stderror_enabled=yes
loadmodule "proto_udp.so"
loadmodule "sl.so"
loadmodule "sipmsgops.so"
route {
    if (is_method("OPTIONS")) {
        sl_send_reply("200", "OK");
        exit;
    }
    sl_send_reply("501", "Not Implemented");
}
`;

interface Step { rate: number; ok: boolean; failed: number; seconds: number; p50: number; p99: number; cpuUsPerCall: number }

export async function run(args: string[]): Promise<void> {
  if (spawnSync('sipp', ['-v']).error) throw new Error('sipp is not installed (Debian/Ubuntu: apt-get install sip-tester)');
  const rates = args.length ? args.map(Number) : DEFAULT_RATES;
  const work = mkdtempSync(join(tmpdir(), 'tsips-bench-'));
  try {
    const results: Record<string, Step[]> = {};
    for (const target of ['ceiling', 'tsips'] as const) {
      const port = await freeUdpPort();
      const server = target === 'tsips' ? startTsips(work, port) : startCeiling(port);
      try {
        await ready(server, target);
        process.stdout.write(`${target} on udp:127.0.0.1:${port}\n`);
        results[target] = [];
        for (const rate of rates) {
          let step = await sippStep(work, port, rate, server.pid!);
          // A shared machine drops a datagram now and then (a stall fills a socket buffer):
          // one retry keeps a single hiccup from deciding the result.
          if (!step.ok) step = await sippStep(work, port, rate, server.pid!);
          results[target].push(step);
          process.stdout.write(`  ${rate}/s: ${step.ok ? 'held' : 'NOT held'} (${step.failed} failed, ${step.seconds.toFixed(1)} s, p50 ${fmt(step.p50)} p99 ${fmt(step.p99)}, server CPU ${step.cpuUsPerCall.toFixed(1)} µs/call)\n`);
          if (!step.ok) break;
        }
      } finally {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
    }
    printTable(results.ceiling, results.tsips);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function startTsips(work: string, port: number): ChildProcess {
  const cfg = join(work, 'stateless.cfg');
  writeFileSync(cfg, SCRIPT);
  return spawn(process.execPath, [join(root, 'bin', 'tsips.js'), '-f', cfg, '-l', `udp:127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function startCeiling(port: number): ChildProcess {
  return spawn(process.execPath, [join(here, 'ceiling-responder.js'), String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function ready(p: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 15_000);
    p.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/ready/.test(out)) { clearTimeout(timer); resolve(); }
    });
    p.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited (${code}):\n${out}`)); });
  });
}

async function sippStep(work: string, port: number, rate: number, serverPid: number): Promise<Step> {
  const dir = mkdtempSync(join(work, `sipp-${rate}-`));
  const calls = rate * STEP_S;
  const cpu0 = cpuSeconds(serverPid);
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const p = spawn('sipp', [
      `127.0.0.1:${port}`, '-sf', SCENARIO, '-i', '127.0.0.1', '-p', '0', '-t', 'u1',
      '-r', String(rate), '-m', String(calls), '-l', String(rate * 2),
      '-trace_rtt', '-rtt_freq', '1000', '-trace_stat', '-stf', 'stat.csv', '-fd', '1',
      '-timeout', `${STEP_S * 4}s`, '-nostdin',
    ], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
    p.once('exit', (c) => resolve(c));
    p.once('error', () => resolve(null));
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpuUsPerCall = ((cpuSeconds(serverPid) - cpu0) * 1e6) / calls;
  const rtts = readRtts(dir);
  const { successful, failed: sippFailed } = readFinalStats(dir);
  // Calls sipp never completed (stopped by -timeout) count as failed too.
  const failed = Math.max(sippFailed || 0, calls - (successful || 0));
  rtts.sort((a, b) => a - b);
  const q = (f: number) => (rtts.length ? rtts[Math.min(rtts.length - 1, Math.floor(f * rtts.length))] : NaN);
  // sipp exits 0 only when every call succeeded.
  const ok = code === 0 && failed === 0 && successful === calls && seconds <= STEP_S * SLACK + 1;
  return { rate, ok, failed, seconds, p50: q(0.5), p99: q(0.99), cpuUsPerCall };
}

/** User + system CPU time of a process (Linux /proc; clock ticks are 1/100 s there). NaN elsewhere. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (fields 14, 15)
  } catch {
    return Number.NaN;
  }
}

/** The last line of sipp's -trace_stat file: cumulative successful and failed calls. */
function readFinalStats(dir: string): { successful: number; failed: number } {
  let lines: string[];
  try {
    lines = readFileSync(join(dir, 'stat.csv'), 'utf8').trim().split('\n');
  } catch {
    return { successful: 0, failed: Number.NaN };
  }
  const head = lines[0].split(';');
  const last = lines[lines.length - 1].split(';');
  const col = (name: string) => Number(last[head.indexOf(name)]);
  return { successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
}

/** sipp's -trace_rtt file: "Date_ms;response_time_ms;rtd_no" per call (whole milliseconds). */
function readRtts(dir: string): number[] {
  const f = readdirSync(dir).find((n) => n.endsWith('_rtt.csv'));
  if (!f) return [];
  const out: number[] = [];
  for (const line of readFileSync(join(dir, f), 'utf8').split('\n').slice(1)) {
    const v = Number(line.split(';')[1]);
    if (line && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function best(steps: Step[] | undefined): Step | undefined {
  return steps?.filter((s) => s.ok).at(-1);
}

// sipp measures in whole milliseconds: 0 means under 1 ms.
function fmt(ms: number): string {
  return !Number.isFinite(ms) ? '-' : ms === 0 ? '<1 ms' : `${ms} ms`;
}

function printTable(ceiling: Step[] | undefined, tsips: Step[] | undefined): void {
  const c = best(ceiling);
  const t = best(tsips);
  const row = (name: string, s: Step | undefined) =>
    `| ${name.padEnd(8)} | ${String(s?.rate ?? 'none').padStart(10)} | ${fmt(s?.p50 ?? NaN).padStart(9)} | ${fmt(s?.p99 ?? NaN).padStart(9)} | ${(s ? s.cpuUsPerCall.toFixed(1) : '-').padStart(12)} |`;
  process.stdout.write('\n| target   | held (c/s) |   p50     |   p99     | CPU µs/call  |\n|----------|------------|-----------|-----------|--------------|\n');
  process.stdout.write(`${row('ceiling', c)}\n${row('tsips', t)}\n`);
  const ratio = c && t ? (t.rate / c.rate).toFixed(2) : '-';
  process.stdout.write(`\ntsips / ceiling (highest rate held): ${ratio}\n`);
  if (c && t) process.stdout.write(`server CPU per call at that rate, tsips / ceiling: ${(t.cpuUsPerCall / c.cpuUsPerCall).toFixed(2)}\n`);
  if (c && t && c.rate === t.rate) {
    process.stdout.write('note: both stopped at the same step: the limit may be sipp or the machine, not the server; compare CPU per call.\n');
  }
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
