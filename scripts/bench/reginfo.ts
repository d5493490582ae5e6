// `npm run bench -- reginfo [register] [notify] [postgres]` (register and notify by default;
// postgres: only the runs with a presence server on PostgreSQL). The reg event
// (pua_reginfo), tsips against Kamailio with the equivalent scripts, in one run:
//  register: sipp REGISTERs with a new AOR each, at rising rates after 2 s of warm-up, to a
//    registrar:
//    - publishing off (publish_reginfo 0) and on, to a sipp presence server answering every
//      PUBLISH (scripts/bench/reginfo/uas-publish.xml);
//    - publishing to a presence server of the same kind on PostgreSQL (tsips registrar ->
//      tsips presence, over UDP and over TCP; Kamailio registrar -> Kamailio presence): the
//      aim is 6,000 new registrations/s published with no failed REGISTER; between tsips
//      nodes a rate holds only when, after its step, the presence server holds a presentity
//      for every AOR the registrar holds.
//  notify: a mirror subscribes to one AOR per trigger and a sipp notifier sends 10 NOTIFYs in
//    each dialog (1 and 10 contacts per body): NOTIFYs applied per second.
// Database: TSIPS_TEST_PG_URL or postgres://postgres@127.0.0.1:5432/test; Kamailio gets a
// database of its own (kamailio_bench). KAMAILIO_CHILDREN workers, default 2.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { best, describeStep, fmtMs, freeUdpPort, ramp, readFinalStats, ready, sippStep, spawnGroup, stop, treeCpuSeconds, TSIPS_NODE_FLAGS, type Step } from './_sipp.js';
import { miStatistic, miUrl } from '../../engine/cli/mi-client.js';
import { fillTemplate, kamailioDatabase } from './_kamailio.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const assets = join(root, 'scripts', 'bench', 'reginfo');
const REGISTER = ['-sf', join(root, 'scripts', 'bench', 'register', 'uac-register.xml')];
const REGISTER_RATES = [1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 16000];
const TRIGGER_RATES = [100, 200, 400, 600, 800, 1000, 1500, 2000];
const NOTIFIES = 10;
const STEP_S = 5;
const WARMUP_RATE = 500;

/** The transports the tsips -> tsips pair runs over. */
const PAIR_TRANSPORTS = ['udp', 'tcp'] as const;
const pairName = (transport: (typeof PAIR_TRANSPORTS)[number]) => `tsips -> tsips presence, ${transport.toUpperCase()} (PostgreSQL)`;

interface Server { readonly process: ChildProcess; readonly http: number; readonly name: string }
type Row = [string, Step | undefined, string?];

export async function run(args: string[]): Promise<void> {
  if (spawnSync('sipp', ['-v']).error) throw new Error('sipp is not installed (apt-get install sip-tester)');
  const work = mkdtempSync(join(tmpdir(), 'tsips-bench-reginfo-'));
  const only = (name: string) => args.length === 0 || args.includes(name);
  const pgUrl = process.env.TSIPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const havePg = await reachable(pgUrl);
  const haveKamailio = !spawnSync('kamailio', ['-v']).error && havePg;
  const kdb = haveKamailio ? await kamailioDatabase(pgUrl, 'kamailio_bench') : '';
  if (!havePg) process.stdout.write(`PostgreSQL at ${pgUrl.replace(/:[^:@/]*@/, ':***@')} is not reachable: the PostgreSQL runs and Kamailio are skipped\n`);
  try {
    if (only('register') || args.includes('postgres')) {
      const rows: Row[] = [];
      for (const publish of only('register') ? [0, 1] : []) {
        rows.push([`tsips, publishing ${publish ? 'on' : 'off'}`, ...await withSippPresence(work, (presence) => registrarRun(work,
          (port) => tsips(work, 'tsips-registrar.cfg', port, { PUBLISH: publish, PRESENCE: presence, TRANSPORT: 'udp', DB: 'pglite://memory' })))]);
        if (haveKamailio) {
          rows.push([`kamailio, publishing ${publish ? 'on' : 'off'}`, ...await withSippPresence(work, (presence) => registrarRun(work,
            (port) => kamailio(work, 'kamailio-registrar.cfg', port, { PUBLISH: publish, PRESENCE: presence, DB: kdb })))]);
        }
      }
      if (havePg) {
        // UDP as the Kamailio pair runs, and TCP, which carries a burst of PUBLISHes (and
        // their 200s) in one write: what a deployment between two servers would choose.
        for (const transport of PAIR_TRANSPORTS) {
          await dropTables(pgUrl, ['pua', 'presentity', 'active_watchers']);
          rows.push([pairName(transport), ...await withServer(work, (port) => tsips(work, 'tsips-presence.cfg', port, { DB: pgUrl }),
            (presence, srv) => registrarRun(work, (port) => tsips(work, 'tsips-registrar.cfg', port, { PUBLISH: 1, PRESENCE: presence, TRANSPORT: transport, DB: pgUrl }),
              async () => `${await miStatistic(miUrl(srv.http), 'presence:presentities')} presentities at the presence server`,
              (reg) => async () => ({ registered: await miStatistic(miUrl(reg.http), 'usrloc:registered_users'), published: await miStatistic(miUrl(srv.http), 'presence:presentities') })))]);
        }
      }
      if (haveKamailio) {
        rows.push(['kamailio -> kamailio presence (PostgreSQL)', ...await withServer(work, (port) => kamailio(work, 'kamailio-presence.cfg', port, { DB: kdb }),
          (presence) => registrarRun(work, (port) => kamailio(work, 'kamailio-registrar.cfg', port, { PUBLISH: 1, PRESENCE: presence, DB: kdb }),
            async () => `${await presentities(kdb)} presentities at the presence server`))]);
      }
      table('REGISTER/s', rows);
      ratios(rows, 'REGISTER', [['tsips, publishing off', 'kamailio, publishing off'], ['tsips, publishing on', 'kamailio, publishing on'],
        [pairName('udp'), 'kamailio -> kamailio presence (PostgreSQL)']]);
      for (const transport of PAIR_TRANSPORTS) {
        const aim = rows.find(([n]) => n === pairName(transport))?.[1];
        if (aim) process.stdout.write(`aim: 6000 new registrations/s published by tsips to a tsips presence server on PostgreSQL over ${transport.toUpperCase()}: ${aim.rate >= 6000 ? 'met' : 'NOT met'} (${aim.rate}/s held, no failed REGISTER)\n`);
      }
    }
    if (only('notify')) {
      const rows: Row[] = [];
      for (const contacts of [1, 10]) {
        rows.push([`tsips, ${contacts} contact(s) per NOTIFY`, await notifyRun(work, contacts, (port, notifier) => tsips(work, 'tsips-subscriber.cfg', port, { PRESENCE: notifier, DB: 'pglite://memory', PORT: port }))]);
        if (haveKamailio) rows.push([`kamailio, ${contacts} contact(s) per NOTIFY`, await notifyRun(work, contacts, (port, notifier) => kamailio(work, 'kamailio-subscriber.cfg', port, { PRESENCE: notifier, DB: kdb }))]);
      }
      table('NOTIFY/s', rows);
      ratios(rows, 'NOTIFY', [['tsips, 1 contact(s) per NOTIFY', 'kamailio, 1 contact(s) per NOTIFY'], ['tsips, 10 contact(s) per NOTIFY', 'kamailio, 10 contact(s) per NOTIFY']]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A sipp presence server answering every PUBLISH, for the duration of `body`. */
async function withSippPresence(work: string, body: (port: number) => Promise<[Step | undefined, string?]>): Promise<[Step | undefined, string?]> {
  const port = await freeUdpPort();
  const dir = mkdtempSync(join(work, 'presence-'));
  const uas = spawnGroup('sipp', ['-sf', join(assets, 'uas-publish.xml'), '-i', '127.0.0.1', '-p', String(port), '-nostdin', '-timeout', '600s'], { cwd: dir, quiet: true });
  await new Promise((r) => setTimeout(r, 500));
  try {
    return await body(port);
  } finally {
    await stop(uas);
  }
}

async function withServer(work: string, start: (port: number) => Promise<Server>, body: (port: number, s: Server) => Promise<[Step | undefined, string?]>): Promise<[Step | undefined, string?]> {
  const port = await freeUdpPort();
  const s = await start(port);
  try {
    return await body(port, s);
  } finally {
    await stop(s.process);
  }
}

/** Registrations the registrar holds and states the presence server was told of. */
type Published = () => Promise<{ registered: number; published: number }>;

async function registrarRun(work: string, start: (port: number) => Promise<Server>, after?: () => Promise<string>, published?: (registrar: Server) => Published): Promise<[Step | undefined, string?]> {
  const port = await freeUdpPort();
  const s = await start(port);
  const count = published?.(s);
  try {
    process.stdout.write(`${s.name} registrar (udp:127.0.0.1:${port})\n`);
    // Not counted: tsips compiles its hot paths in the first seconds (Kamailio needs none),
    // and a first step paying for that would stop the ramp early.
    await sippStep({ work, target: `127.0.0.1:${port}`, scenario: REGISTER, rate: WARMUP_RATE, seconds: 2, serverPid: s.process.pid! });
    const steps = await ramp(REGISTER_RATES, async (rate) => {
      const step = await sippStep({ work, target: `127.0.0.1:${port}`, scenario: REGISTER, rate, seconds: STEP_S, serverPid: s.process.pid! });
      return step.ok && count ? allPublished(step, count) : step;
    }, (x) => process.stdout.write(`  ${describeStep(x)}\n`));
    await new Promise((r) => setTimeout(r, 2000)); // the last PUBLISHes land
    const note = after ? await after().catch((e: unknown) => `(${(e as Error).message})`) : undefined;
    if (note) process.stdout.write(`  ${note}\n`);
    return [best(steps), note];
  } finally {
    await stop(s.process);
  }
}

/** A rate is held only when every registration it made reached the presence server: the
 *  counts are compared once the PUBLISHes in flight have landed (up to 10 s, the step's
 *  next rate waits). */
async function allPublished(step: Step, count: Published): Promise<Step> {
  let c = await count();
  for (let i = 0; i < 100 && c.published < c.registered; i++) {
    await new Promise((r) => setTimeout(r, 100));
    c = await count();
  }
  if (c.published >= c.registered) return step;
  return { ...step, ok: false, firstError: `${c.registered - c.published} of ${c.registered} registrations not published` };
}

/** One NOTIFY run: per rate, a fresh notifier and mirror; the trigger rate times 10 NOTIFYs. */
async function notifyRun(work: string, contacts: number, start: (port: number, notifier: number) => Promise<Server>): Promise<Step | undefined> {
  const elements = Array.from({ length: contacts }, (_, i) =>
    `<contact id="c${i}" state="active" event="registered" expires="3600" callid="c${i}-[call_number]" cseq="1"><uri>sip:[$user]@192.0.2.${i + 1}:5060</uri></contact>`).join('');
  const scenario = join(work, `uas-notifier-${contacts}.xml`);
  writeFileSync(scenario, fillTemplate(readFileSync(join(assets, 'uas-notifier.xml'), 'utf8'), { NOTIFIES, CONTACTS: contacts, CONTACT_ELEMENTS: elements }));
  const steps: Step[] = [];
  let name = '';
  for (const rate of TRIGGER_RATES) {
    const notifier = await freeUdpPort();
    const port = await freeUdpPort();
    const s = await start(port, notifier);
    name = s.name;
    const calls = rate * STEP_S;
    const dir = mkdtempSync(join(work, 'notifier-'));
    const uas = spawnGroup('sipp', ['-sf', scenario, '-i', '127.0.0.1', '-p', String(notifier), '-m', String(calls), '-nostdin', '-trace_stat', '-stf', 'stat.csv',
      '-fd', '1', '-timeout', `${STEP_S * 4}s`, '-l', String(calls)], { cwd: dir, quiet: true });
    await new Promise((r) => setTimeout(r, 300));
    const cpu0 = treeCpuSeconds(s.process.pid!);
    const t0 = performance.now();
    const trigger = await sippStep({ work, target: `127.0.0.1:${port}`, scenario: ['-sf', join(assets, 'uac-options.xml')], rate, seconds: STEP_S, serverPid: s.process.pid! });
    const exited = await Promise.race([new Promise((r) => uas.once('exit', r)), new Promise((r) => setTimeout(() => r('late'), STEP_S * 3000))]);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = treeCpuSeconds(s.process.pid!) - cpu0;
    await stop(uas);
    await stop(s.process);
    const { successful, failed } = readFinalStats(dir);
    const ok = trigger.ok && exited !== 'late' && successful === calls && !failed && seconds <= STEP_S * 1.5 + 2;
    const step: Step = { rate: rate * NOTIFIES, ok, failed: Math.max(failed || 0, calls - (successful || 0)) * NOTIFIES, seconds, p50: NaN, p99: NaN,
      cpuUsPerCall: (cpu * 1e6) / (calls * NOTIFIES + calls) };
    steps.push(step);
    process.stdout.write(`  ${name} mirror, ${contacts} contact(s): ${step.rate} NOTIFY/s ${ok ? 'held' : 'NOT held'} (${successful ?? 0}/${calls} dialogs complete, ${seconds.toFixed(1)} s, server CPU ${step.cpuUsPerCall.toFixed(1)} µs per request)\n`);
    if (!ok) break;
  }
  return best(steps);
}

async function tsips(work: string, cfgName: string, port: number, values: Record<string, string | number>): Promise<Server> {
  const http = await freeUdpPort();
  const cfg = join(work, `tsips-${port}.cfg`);
  const text = fillTemplate(readFileSync(join(assets, cfgName), 'utf8'), { ...values, HTTP: http, PORT: port });
  writeFileSync(cfg, text);
  const tcp = /proto_tcp/.test(text) ? ['-l', `tcp:127.0.0.1:${port}`] : [];
  const proc = spawnGroup(process.execPath, [...TSIPS_NODE_FLAGS, join(root, 'bin', 'tsips.js'), '-f', cfg, '-l', `udp:127.0.0.1:${port}`, ...tcp]);
  await ready(proc, 'tsips', /ready/);
  return { process: proc, http, name: 'tsips' };
}

async function kamailio(work: string, cfgName: string, port: number, values: Record<string, string | number>): Promise<Server> {
  const cfg = join(work, `kamailio-${port}.cfg`);
  writeFileSync(cfg, fillTemplate(readFileSync(join(assets, cfgName), 'utf8'), { ...values, PORT: port, CHILDREN: process.env.KAMAILIO_CHILDREN ?? '2' }));
  const run = mkdtempSync(join(work, 'kamailio-'));
  const proc = spawnGroup('kamailio', ['-f', cfg, '-DD', '-E', '-Y', run, '-m', '1024', '-M', '16']);
  await new Promise((r) => setTimeout(r, 2000));
  if (proc.exitCode !== null) { await stop(proc); throw new Error(`kamailio (${cfgName}) exited (${proc.exitCode}) at start-up`); }
  return { process: proc, http: 0, name: 'kamailio' };
}

async function reachable(url: string): Promise<boolean> {
  const k = knexFactory({ client: 'pg', connection: { connectionString: url, connectionTimeoutMillis: 2000 }, pool: { min: 0, max: 1 } });
  try {
    await k.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await k.destroy();
  }
}

async function dropTables(url: string, tables: string[]): Promise<void> {
  const k = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    for (const t of tables) {
      await k.schema.dropTableIfExists(t);
      if (await k.schema.hasTable('version')) await k('version').where({ table_name: t }).del();
    }
  } finally {
    await k.destroy();
  }
}

async function presentities(url: string): Promise<number> {
  const k = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    const [r] = await k('presentity').count({ n: '*' }) as { n: string }[];
    return Number(r!.n);
  } finally {
    await k.destroy();
  }
}

function table(unit: string, rows: Row[]): void {
  process.stdout.write(`\n| run                                          | held (${unit.padEnd(10)}) |   p50   |   p99   | server CPU µs/request |\n|----------------------------------------------|-------------------|---------|---------|-----------------------|\n`);
  for (const [name, s] of rows) {
    process.stdout.write(`| ${name.padEnd(44)} | ${String(s?.rate ?? 'none').padStart(17)} | ${fmtMs(s?.p50 ?? NaN).padStart(7)} | ${fmtMs(s?.p99 ?? NaN).padStart(7)} | ${(s ? s.cpuUsPerCall.toFixed(1) : '-').padStart(21)} |\n`);
  }
}

function ratios(rows: Row[], what: string, pairs: [string, string][]): void {
  for (const [a, b] of pairs) {
    const x = rows.find(([n]) => n === a)?.[1];
    const y = rows.find(([n]) => n === b)?.[1];
    if (!x || !y) continue;
    process.stdout.write(`${a} / ${b}: rate ${(x.rate / y.rate).toFixed(2)}, CPU per ${what} ${(x.cpuUsPerCall / y.cpuUsPerCall).toFixed(2)}\n`);
  }
}
