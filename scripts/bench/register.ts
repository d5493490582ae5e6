// `npm run bench -- register [memory] [writeback] [contacts]` (all three by default): sipp REGISTERs with a new AOR each (register/uac-register.xml)
// against tsips (usrloc in memory), Kamailio (registrar + usrloc in memory, db_mode 0, the same
// expires; KAMAILIO_CHILDREN workers, default 2) and tsips in write-back mode on PostgreSQL
// (TSIPS_TEST_PG_URL or postgres://postgres@127.0.0.1:5432/test; skipped when unreachable).
// Rates go up until one is not held; printed: the highest rate held, p50/p99, server CPU per
// REGISTER, tsips/Kamailio. Then memory: 100,000 contacts registered into a fresh tsips, its
// live heap (shmem:used_size after a collection) and resident size, and bytes per contact.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { best, describeStep, fmtMs, freeUdpPort, ramp, ready, rssBytes, sippStep, spawnGroup, stop, TSIPS_NODE_FLAGS, type Step } from './_sipp.js';
import { miStatistic, miUrl } from '../../engine/cli/mi-client.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const assets = join(root, 'scripts', 'bench', 'register');
const SCENARIO = ['-sf', join(assets, 'uac-register.xml')];
const RATES = [2000, 4000, 6000, 8000, 10000, 12000, 16000, 20000];
const STEP_S = 5;
const CONTACTS = 100_000;

interface Server { process: ChildProcess; http: number }

export async function run(args: string[]): Promise<void> {
  if (spawnSync('sipp', ['-v']).error) throw new Error('sipp is not installed (Debian/Ubuntu: apt-get install sip-tester)');
  const work = mkdtempSync(join(tmpdir(), 'tsips-register-'));
  const results: [string, Step | undefined][] = [];
  const only = (name: string) => args.length === 0 || args.includes(name);
  try {
    if (only('memory')) results.push(['tsips', await measure(work, 'tsips', (port) => startTsips(work, 'single-instance-no-db', undefined, port))]);
    if (only('memory') && !spawnSync('kamailio', ['-v']).error) results.push(['kamailio', await measure(work, 'kamailio', (port) => startKamailio(work, port))]);
    if (only('writeback')) {
      const url = process.env.TSIPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      if (await reachable(url)) results.push(['tsips write-back (PostgreSQL)', await measure(work, 'tsips write-back', (port) => startTsips(work, 'single-instance-sql-write-back', url, port))]);
      else process.stdout.write(`PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} is not reachable: write-back run skipped\n`);
    }
    printTable(results);
    if (only('memory') || args.includes('contacts')) await memoryPerContact(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(work: string, name: string, start: (port: number) => Promise<Server>): Promise<Step | undefined> {
  const port = await freeUdpPort();
  const server = await start(port);
  try {
    process.stdout.write(`${name} (udp:127.0.0.1:${port})\n`);
    const steps = await ramp(RATES, (rate) => sippStep({ work, target: `127.0.0.1:${port}`, scenario: SCENARIO, rate, seconds: STEP_S, serverPid: server.process.pid! }),
      (s) => process.stdout.write(`  ${describeStep(s)}\n`));
    return best(steps);
  } finally {
    await stop(server.process);
  }
}

async function startTsips(work: string, mode: string, dbUrl?: string, port?: number, nodeFlags: string[] = []): Promise<Server> {
  const http = await freeUdpPort();
  const p = port ?? await freeUdpPort();
  const cfg = join(work, `tsips-${p}.cfg`);
  writeFileSync(cfg, readFileSync(join(assets, 'tsips.cfg'), 'utf8').replace('@MODE@', mode).replace('@HTTP@', String(http))
    .replace('@DB@', dbUrl ? `loadmodule "db_postgres.so"\nmodparam("usrloc", "db_url", "${dbUrl}")\nmodparam("usrloc", "timer_interval", 5)` : ''));
  const proc = spawnGroup(process.execPath, [...TSIPS_NODE_FLAGS, ...nodeFlags, join(root, 'bin', 'tsips.js'), '-f', cfg, '-l', `udp:127.0.0.1:${p}`]);
  await ready(proc, 'tsips');
  return { process: proc, http };
}

async function startKamailio(work: string, port?: number): Promise<Server> {
  const p = port ?? await freeUdpPort();
  const cfg = join(work, `kamailio-${p}.cfg`);
  writeFileSync(cfg, readFileSync(join(assets, 'kamailio.cfg'), 'utf8').replace('@PORT@', String(p)).replace('@CHILDREN@', process.env.KAMAILIO_CHILDREN ?? '2'));
  const proc = spawnGroup('kamailio', ['-f', cfg, '-DD', '-E', '-Y', work, '-m', '2048', '-M', '16']);
  await new Promise((r) => setTimeout(r, 2000));
  if (proc.exitCode !== null) { await stop(proc); throw new Error(`kamailio exited (${proc.exitCode}) at start-up`); }
  return { process: proc, http: 0 };
}

async function reachable(url: string): Promise<boolean> {
  const k = knexFactory({ client: 'pg', connection: { connectionString: url, connectionTimeoutMillis: 2000 }, pool: { min: 0, max: 1 } });
  try {
    await k.raw('select 1');
    await k.schema.dropTableIfExists('location');
    if (await k.schema.hasTable('version')) await k('version').where({ table_name: 'location' }).del();
    return true;
  } catch {
    return false;
  } finally {
    await k.destroy();
  }
}

function printTable(results: [string, Step | undefined][]): void {
  process.stdout.write('\n| server                        | held (REGISTER/s) |   p50   |   p99   | CPU µs/REGISTER |\n|-------------------------------|-------------------|---------|---------|-----------------|\n');
  for (const [name, s] of results) {
    process.stdout.write(`| ${name.padEnd(29)} | ${String(s?.rate ?? 'none').padStart(17)} | ${fmtMs(s?.p50 ?? NaN).padStart(7)} | ${fmtMs(s?.p99 ?? NaN).padStart(7)} | ${(s ? s.cpuUsPerCall.toFixed(1) : '-').padStart(15)} |\n`);
  }
  const t = results.find(([n]) => n === 'tsips')?.[1];
  const k = results.find(([n]) => n === 'kamailio')?.[1];
  if (t && k) {
    process.stdout.write(`\ntsips / kamailio (highest rate held): ${(t.rate / k.rate).toFixed(2)}${t.rate === k.rate ? ' (same step: the limit may be sipp or the machine; compare CPU per REGISTER)' : ''}\n`);
    process.stdout.write(`server CPU per REGISTER, tsips / kamailio: ${(t.cpuUsPerCall / k.cpuUsPerCall).toFixed(2)}\n`);
  }
}

async function memoryPerContact(work: string): Promise<void> {
  const port = await freeUdpPort();
  const server = await startTsips(work, 'single-instance-no-db', undefined, port, ['--expose-gc']);
  try {
    const before = await heapUsed(server.http);
    const rssBefore = rssBytes(server.process.pid!);
    const s = await sippStep({ work, target: `127.0.0.1:${port}`, scenario: SCENARIO, rate: 5000, seconds: CONTACTS / 5000, serverPid: server.process.pid!, slack: 3 });
    const users = await miStatistic(miUrl(server.http), 'usrloc:location-contacts');
    const after = await heapUsed(server.http);
    const rssAfter = rssBytes(server.process.pid!);
    process.stdout.write(`\nmemory: ${users} contacts registered (${s.failed} REGISTERs failed)\n`);
    process.stdout.write(`  live heap ${(before / 1048576).toFixed(1)} -> ${(after / 1048576).toFixed(1)} MiB: ${Math.round((after - before) / users)} bytes per contact\n`);
    process.stdout.write(`  resident size ${(rssBefore / 1048576).toFixed(1)} -> ${(rssAfter / 1048576).toFixed(1)} MiB: ${Math.round((rssAfter - rssBefore) / users)} bytes per contact\n`);
  } finally {
    await stop(server.process);
  }
}

const heapUsed = (http: number) => miStatistic(miUrl(http), 'shmem:used_size');

