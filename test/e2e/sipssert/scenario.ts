// Runs one SIPssert scenario (scenario.yml) with plain processes on 127.0.0.1 instead of
// docker (see ../../../../shared/corpus/sipssert/README.md): tsips with the scenario's
// opensips.cfg (addresses, ports, paths and db_url changed only), its sipp files, and its
// check scripts done through the same MI call and SQL query (checks.ts). Tasks start when
// their `require` says (started/after another task, plus a wait) and the scenario fails on
// the first failed task.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { startTsips, type TsipsProcess } from '../tsips-process.js';

export interface ScenarioEnv {
  /** The scenario folder in the corpus. */
  readonly dir: string;
  /** A scratch folder for the rewritten cfg and sipp's files. */
  readonly work: string;
  readonly sipPort: number;
  readonly miPort: number;
  /** Base for {{ uac_port }} (+1, +2, +3 are used too) and {{ uas_port }}. */
  readonly uacPort: number;
  readonly uasPort: number;
  /** Replaces the scenario's sqlite db_url. */
  readonly dbUrl: string;
  readonly mi: (method: string) => Promise<unknown>;
  /** Runs a SQL check; undefined when the database cannot be read while tsips runs. */
  readonly sql?: (query: string) => Promise<unknown[]>;
  readonly check: (dir: string, script: string, args: string[], env: ScenarioEnv) => Promise<string | undefined>;
}

/** `after: X` is short for `after: {task: X}`. */
type Ref = string | { task: string; wait?: number };
interface Require { started?: Ref; after?: Ref }
interface Task {
  name: string; type: string; config_file?: string; script?: string; args?: string | number; username?: string; service?: string;
  ip?: string; port?: number | string; remote?: string; caller?: string; duration?: number;
  require?: string | Require | (string | Require)[];
}

/** SIPssert runs each check in a container of its own, which takes a moment to start; the
 *  scenarios' timings assume it (an "expired" check placed at exactly the expiry second
 *  would otherwise race the clock's second boundary). */
const CHECK_START_S = 0.3;

/** The defines SIPssert fills the templates with, mapped to this machine. */
function render(text: string, env: ScenarioEnv): string {
  const vars: Record<string, string | number> = {
    username: 'testing', uas_ip: '127.0.0.1', uac_ip: '127.0.0.1', ip: '127.0.0.1', domain: '127.0.0.1',
    uac_port: env.uacPort, uas_port: env.uasPort, port: env.sipPort, mi_port: env.miPort,
  };
  return text.replace(/\{\{\s*([a-z_]+)\s*(?:\+\s*(\d+))?\s*\}\}/g, (_m, name: string, add?: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`unknown template variable ${name}`);
    return add ? String(Number(v) + Number(add)) : String(v);
  });
}

/** The scenario's script with only addresses, ports, paths and db_url changed. */
export function rewriteCfg(cfg: string, env: ScenarioEnv): string {
  return cfg
    .replace(/192\.168\.\d+\.\d+|10\.\d+\.\d+\.\d+/g, '127.0.0.1')
    .replace(/modparam\("usrloc",\s*"db_url",\s*"[^"]*"\)/, `modparam("usrloc", "db_url", "${env.dbUrl}")`)
    // The driver module goes with the URL: a PostgreSQL URL is served by db_postgres.
    .replace(/loadmodule "db_sqlite\.so"/, 'loadmodule "db_postgres.so"')
    .replace(/(modparam\("httpd",\s*"ip",\s*"[^"]*"\))/, `$1\nmodparam("httpd", "port", ${env.miPort})`);
}

export async function runScenario(env: ScenarioEnv, log: (line: string) => void): Promise<void> {
  const doc = loadYaml(render(readFileSync(join(env.dir, 'scenario.yml'), 'utf8'), env)) as { timeout?: number; tasks: Task[] };
  const cfgFile = join(env.work, 'opensips.cfg');
  writeFileSync(cfgFile, rewriteCfg(readFileSync(join(env.dir, 'opensips.cfg'), 'utf8'), env));
  const started = new Map<string, Promise<void>>();
  const done = new Map<string, Promise<void>>();
  const resolvers = new Map<string, { start: () => void; end: () => void }>();
  for (const t of doc.tasks) {
    let s!: () => void; let e!: () => void;
    started.set(t.name, new Promise<void>((r) => { s = r; }));
    done.set(t.name, new Promise<void>((r) => { e = r; }));
    resolvers.set(t.name, { start: s, end: e });
  }
  let tsips: TsipsProcess | undefined;
  const wait = (s?: number) => new Promise((r) => setTimeout(r, (s ?? 0) * 1000));
  const ready = (req: Task['require']): Promise<unknown> => {
    if (req === undefined) return Promise.resolve();
    if (Array.isArray(req)) return Promise.all(req.map(ready));
    if (typeof req === 'string') return done.get(req)!;
    const ref = (r: Ref) => (typeof r === 'string' ? { task: r, wait: 0 } : r);
    const known = (m: Map<string, Promise<void>>, r: { task: string }) => {
      const p = m.get(r.task);
      if (!p) throw new Error(`scenario.yml: a require names the unknown task '${r.task}'`);
      return p;
    };
    if (req.started) { const r = ref(req.started); return known(started, r).then(() => wait(r.wait)); }
    if (req.after) { const r = ref(req.after); return known(done, r).then(() => wait(r.wait)); }
    return Promise.resolve();
  };
  const runTask = async (t: Task): Promise<void> => {
    await ready(t.require);
    // The server counts as started once it serves (an embedded database takes a moment to
    // open; OpenSIPS in its container is up at once).
    if (t.type !== 'opensips') resolvers.get(t.name)!.start();
    log(`task ${t.name}`);
    switch (t.type) {
      case 'opensips':
        tsips = startTsips(['-f', cfgFile, '-l', `udp:127.0.0.1:${env.sipPort}`], { cwd: env.work });
        await tsips.waitFor(/ready/, 15_000);
        resolvers.get(t.name)!.start();
        break;
      case 'uac-sipp':
      case 'uas-sipp':
        await runSipp(t, env);
        break;
      case 'opensips-mi': {
        await wait(CHECK_START_S);
        const failure = await env.check(env.dir, t.script!, argsOf(t), env);
        if (failure) throw new Error(`${t.name} (${t.script} ${argsOf(t).join(' ')}): ${failure}`);
        break;
      }
      case 'generic': {
        const args = argsOf(t);
        if (args[0] === 'cp') break; // copies the empty SQLite file: tsips makes its own table
        const script = args[0]!.replace(/^\/home\//, '');
        await wait(CHECK_START_S);
        if (!env.sql) { log(`  ${t.name}: skipped (the embedded database is tsips's own while it runs)`); break; }
        const failure = await env.check(env.dir, script, args.slice(1), env);
        if (failure) throw new Error(`${t.name} (${script} ${args.slice(1).join(' ')}): ${failure}`);
        break;
      }
      default:
        throw new Error(`task type ${t.type} is not supported by the runner`);
    }
    resolvers.get(t.name)!.end();
  };
  const timeout = (doc.timeout ?? 30) + 15;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all(doc.tasks.map(runTask)),
      new Promise((_r, reject) => { timer = setTimeout(() => reject(new Error(`scenario did not finish within ${timeout} s`)), timeout * 1000); }),
    ]);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n--- tsips output ---\n${tsips?.output().slice(-3000) ?? '(not started)'}`);
  } finally {
    clearTimeout(timer);
    await tsips?.stop();
  }
}

function argsOf(t: Task): string[] {
  return t.args === undefined ? [] : String(t.args).split(/\s+/).filter(Boolean);
}

function runSipp(t: Task, env: ScenarioEnv): Promise<void> {
  const uas = t.type === 'uas-sipp';
  const args = [
    // Callers always talk to tsips: registration/09's caller names the callee as `remote`,
    // and reaching it through tsips's lookup() and t_relay is what the scenario tests.
    ...(uas ? [] : [`127.0.0.1:${env.sipPort}`]),
    '-sf', join(env.dir, t.config_file!), '-s', t.service ?? t.username ?? 'testing', '-key', 'domain', '127.0.0.1',
    '-i', '127.0.0.1', '-p', String(t.port ?? (uas ? env.uasPort : env.uacPort)), '-m', '1',
    '-timeout', '20s', '-timeout_error', '-nostdin', '-trace_err',
  ];
  if (t.caller) args.push('-key', 'caller', t.caller);
  if (t.duration !== undefined) args.push('-d', String(t.duration));
  return new Promise((resolve, reject) => {
    let out = '';
    const p = spawn('sipp', args, { cwd: env.work, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
    p.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
    p.on('error', (e) => reject(new Error(`${t.name}: sipp did not start (${e.message}); apt-get install sip-tester`)));
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${t.name}: sipp exited ${code}\n${out.slice(-1500)}`))));
  });
}
