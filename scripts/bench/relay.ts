// `npm run bench -- relay [message|invite]`: sipp caller -> proxy -> sipp callee, the proxy
// relaying statefully (t_relay). Two workloads: MESSAGE (one non-INVITE transaction per
// call) and INVITE calls (sipp's built-in uac/uas: INVITE, 180, 200, ACK, BYE, 200 — two
// transactions and an end-to-end ACK per call; a 50 ms pause before the BYE, so a proxy with
// several workers cannot reorder ACK and BYE, and a 180 that such a proxy relays after the
// 200 does not abort the call, as a phone would ignore it too). Each against tsips (scripts/bench/relay/
// tsips.cfg) and Kamailio (relay/kamailio.cfg, the same logic; KAMAILIO_CHILDREN workers,
// default 2, one per core here: tsips is one process on one core). Rates go up until one is
// not held (no failed call, on time); printed: the highest rate held, p50/p99, server CPU
// per call, and tsips/Kamailio. Then the leak check: three MESSAGE runs on one tsips, its
// live heap (shmem:used_size after a collection) and resident size after each, and
// `tm:inuse_transactions` once wt_timer has run out.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { best, describeStep, fmtMs, freeUdpPort, ramp, ready, rssBytes, sippStep, spawnGroup, stop, TSIPS_NODE_FLAGS, type Step } from './_sipp.js';
import { miStatistic, miUrl } from '../../engine/cli/mi-client.js';

const here = dirname(fileURLToPath(import.meta.url)); // dist/scripts/bench
const root = join(here, '..', '..', '..');
const assets = join(root, 'scripts', 'bench', 'relay');
const STEP_S = 5;

interface Workload { name: string; rates: number[]; uac: string[]; uas: string[] }
const WORKLOADS: Workload[] = [
  { name: 'message', rates: [1000, 2000, 3000, 4000, 6000, 8000, 10000], uac: ['-sf', join(assets, 'uac-message.xml')], uas: ['-sf', join(assets, 'uas-message.xml')] },
  { name: 'invite', rates: [250, 500, 1000, 1500, 2000, 3000, 4000], uac: ['-sn', 'uac', '-s', 'bench', '-d', '50', '-default_behaviors', 'all,-abortunexp'], uas: ['-sn', 'uas'] },
];

type Engine = 'tsips' | 'kamailio';

export async function run(args: string[]): Promise<void> {
  if (spawnSync('sipp', ['-v']).error) throw new Error('sipp is not installed (Debian/Ubuntu: apt-get install sip-tester)');
  const haveKamailio = !spawnSync('kamailio', ['-v']).error;
  const chosen = WORKLOADS.filter((w) => args.length === 0 || args.includes(w.name));
  const work = mkdtempSync(join(tmpdir(), 'tsips-relay-'));
  const results = new Map<string, Step | undefined>();
  try {
    for (const w of chosen) {
      for (const engine of ['tsips', 'kamailio'] as Engine[]) {
        if (engine === 'kamailio' && !haveKamailio) {
          process.stdout.write('kamailio is not installed (apt-get install kamailio): skipped\n');
          continue;
        }
        const uasPort = await freeUdpPort();
        const proxyPort = await freeUdpPort();
        const uas = spawnGroup('sipp', ['-p', String(uasPort), '-i', '127.0.0.1', ...w.uas, '-nostdin', '-t', 'u1'], { cwd: work, quiet: true });
        const proxy = await startProxy(engine, work, proxyPort, uasPort, await freeUdpPort());
        try {
          process.stdout.write(`${w.name} via ${engine} (udp:127.0.0.1:${proxyPort})\n`);
          const steps = await ramp(w.rates, (rate) => sippStep({ work, target: `127.0.0.1:${proxyPort}`, scenario: w.uac, rate, seconds: STEP_S, serverPid: proxy.process.pid! }),
            (s) => process.stdout.write(`  ${describeStep(s)}\n`));
          results.set(`${w.name}:${engine}`, best(steps));
        } finally {
          await stop(proxy.process);
          await stop(uas);
        }
      }
    }
    printTable(chosen, results);
    if (chosen.some((w) => w.name === 'message')) await leakCheck(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface Proxy { process: ChildProcess; http: number }

async function startProxy(engine: Engine, work: string, port: number, uas: number, http: number, nodeFlags: string[] = []): Promise<Proxy> {
  if (engine === 'tsips') {
    const cfg = join(work, `tsips-${port}.cfg`);
    writeFileSync(cfg, readFileSync(join(assets, 'tsips.cfg'), 'utf8').replaceAll('@UAS@', String(uas)).replaceAll('@HTTP@', String(http)));
    const p = spawnGroup(process.execPath, [...TSIPS_NODE_FLAGS, ...nodeFlags, join(root, 'bin', 'tsips.js'), '-f', cfg, '-l', `udp:127.0.0.1:${port}`]);
    await ready(p, 'tsips');
    return { process: p, http };
  }
  const cfg = join(work, `kamailio-${port}.cfg`);
  const children = process.env.KAMAILIO_CHILDREN ?? '2';
  writeFileSync(cfg, readFileSync(join(assets, 'kamailio.cfg'), 'utf8').replaceAll('@UAS@', String(uas)).replaceAll('@PORT@', String(port)).replaceAll('@CHILDREN@', children));
  // 1 GiB of shared memory: the 64 MB default runs out at a few thousand transactions/s.
  const p = spawnGroup('kamailio', ['-f', cfg, '-DD', '-E', '-Y', work, '-m', '1024', '-M', '16']);
  // Kamailio says nothing on stderr at debug=0 once it runs: give it time, then check it lives.
  await new Promise((r) => setTimeout(r, 2000));
  if (p.exitCode !== null) { await stop(p); throw new Error(`kamailio exited (${p.exitCode}) at start-up`); }
  return { process: p, http: 0 };
}

function printTable(chosen: Workload[], results: Map<string, Step | undefined>): void {
  const row = (w: string, e: string, s: Step | undefined) =>
    `| ${w.padEnd(8)} | ${e.padEnd(8)} | ${String(s?.rate ?? 'none').padStart(10)} | ${fmtMs(s?.p50 ?? NaN).padStart(7)} | ${fmtMs(s?.p99 ?? NaN).padStart(7)} | ${(s ? s.cpuUsPerCall.toFixed(1) : '-').padStart(11)} |`;
  process.stdout.write('\n| workload | engine   | held (c/s) |   p50   |   p99   | CPU µs/call |\n|----------|----------|------------|---------|---------|-------------|\n');
  for (const w of chosen) {
    for (const e of ['tsips', 'kamailio']) process.stdout.write(`${row(w.name, e, results.get(`${w.name}:${e}`))}\n`);
  }
  process.stdout.write('\n');
  for (const w of chosen) {
    const t = results.get(`${w.name}:tsips`);
    const k = results.get(`${w.name}:kamailio`);
    const ratio = t && k ? (t.rate / k.rate).toFixed(2) : '-';
    process.stdout.write(`${w.name}: tsips / kamailio (highest rate held) = ${ratio}${t && k && t.rate === k.rate ? ' (same step: the limit may be sipp or the machine; compare CPU per call)' : ''}\n`);
    if (t && k) process.stdout.write(`${w.name}: server CPU per call, tsips / kamailio = ${(t.cpuUsPerCall / k.cpuUsPerCall).toFixed(2)}\n`);
  }
}

/** Three MESSAGE loads on one tsips: resident size after each, then in-use transactions once
 *  wt_timer (5 s) has run out. */
async function leakCheck(work: string): Promise<void> {
  const uasPort = await freeUdpPort();
  const port = await freeUdpPort();
  const uas = spawnGroup('sipp', ['-p', String(uasPort), '-i', '127.0.0.1', '-sf', join(assets, 'uas-message.xml'), '-nostdin', '-t', 'u1'], { cwd: work, quiet: true });
  const proxy = await startProxy('tsips', work, port, uasPort, await freeUdpPort(), ['--expose-gc']);
  try {
    process.stdout.write('\nleak check: three runs of 2000 MESSAGE/s for 5 s on one tsips\n');
    for (let i = 1; i <= 3; i++) {
      const s = await sippStep({ work, target: `127.0.0.1:${port}`, scenario: WORKLOADS[0]!.uac, rate: 2000, seconds: STEP_S, serverPid: proxy.process.pid! });
      await new Promise((r) => setTimeout(r, 6500)); // wt_timer 5 s, then the tick
      const inuse = await miStatistic(miUrl(proxy.http), 'tm:inuse_transactions');
      const heap = await miStatistic(miUrl(proxy.http), 'shmem:used_size'); // garbage collected first (--expose-gc)
      process.stdout.write(`  run ${i}: ${s.ok ? 'held' : 'NOT held'}, heap in use ${(heap / 1048576).toFixed(1)} MiB, RSS ${(rssBytes(proxy.process.pid!) / 1048576).toFixed(1)} MiB, tm:inuse_transactions ${inuse}\n`);
    }
  } finally {
    await stop(proxy.process);
    await stop(uas);
  }
}

