// `npm run bench -- stateless [rates...]`: sipp (the UAC, scripts/bench/sipp/options.xml)
// sends OPTIONS at rising rates, each step STEP_S seconds and a bounded number of calls,
// against (a) a tsips process whose script answers sl_send_reply("200", "OK") and (b) the
// ceiling: a bare Node UDP responder (ceiling-responder.ts). For each target: the highest
// rate held (no failed call, and the calls done in about the planned time), p50/p99 response
// time at that rate, and tsips / ceiling. A failed step is tried once more before it counts. Needs `sipp` on the PATH (Debian: sip-tester).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { best, fmtMs as fmt, freeUdpPort, ready, sippStep as step, TSIPS_NODE_FLAGS, type Step } from './_sipp.js';
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
          const one = () => step({ work, target: `127.0.0.1:${port}`, scenario: ['-sf', SCENARIO], rate, seconds: STEP_S, serverPid: server.pid!, slack: SLACK });
          let step1 = await one();
          // A shared machine drops a datagram now and then (a stall fills a socket buffer):
          // one retry keeps a single hiccup from deciding the result.
          if (!step1.ok) step1 = await one();
          const s = step1;
          results[target].push(s);
          process.stdout.write(`  ${rate}/s: ${s.ok ? 'held' : 'NOT held'} (${s.failed} failed, ${s.seconds.toFixed(1)} s, p50 ${fmt(s.p50)} p99 ${fmt(s.p99)}, server CPU ${s.cpuUsPerCall.toFixed(1)} µs/call)\n`);
          if (!s.ok) break;
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
  return spawn(process.execPath, [...TSIPS_NODE_FLAGS, join(root, 'bin', 'tsips.js'), '-f', cfg, '-l', `udp:127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function startCeiling(port: number): ChildProcess {
  return spawn(process.execPath, [join(here, 'ceiling-responder.js'), String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
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
