// The core MI commands that need no SIP runtime, with OpenSIPS's names, parameter sets and
// result shapes (mi/mi_core.c): version, uptime, which, help, ps, log_level. Statistics
// commands are in engine/stats.
import type { MiCommandDef } from './command.js';
import { miInt, miString } from './command.js';
import { JsonRpcCode, MiError } from './mi-error.js';
import type { MiRegistry } from './registry.js';

export interface CoreMiOptions {
  readonly registry: MiRegistry;
  readonly version: string;
  readonly startTime: Date;
  /** The engine logger (engine/core/log.ts): `log_level` reads and sets its `level`. */
  readonly logger: { level: number };
  readonly now?: () => Date;
}

// One process does what OpenSIPS's attendant and workers do; `ps` shows it as the attendant.
const PROCESS_TYPE = 'attendant';

export function coreMiCommands(o: CoreMiOptions): MiCommandDef[] {
  const now = o.now ?? (() => new Date());
  const server = `tsips (${o.version} (${process.arch}/${process.platform}))`;
  const unknown = (): MiError => new MiError(404, 'unknown MI command');
  return [
    { name: 'version', doc: 'prints the version string of the running server', handler: () => ({ Server: server }) },
    {
      name: 'uptime', doc: 'prints the uptime of the server',
      handler: () => {
        const t = now();
        return { Now: ctime(t), 'Up since': ctime(o.startTime), 'Up time': `${Math.floor((t.getTime() - o.startTime.getTime()) / 1000)} [sec]` };
      },
    },
    {
      name: 'which', doc: 'lists all the available MI commands, or the parameter sets of one ("mod:" lists a prefix)',
      params: [{ name: 'command', optional: true, doc: 'a command name' }],
      handler: (p) => {
        if (p.command === undefined) return o.registry.list().map((c) => c.name);
        const name = miString(p, 'command');
        if (name.endsWith(':')) {
          const found = o.registry.list().filter((c) => c.name.startsWith(name)).map((c) => c.name);
          if (!found.length) throw unknown();
          return found;
        }
        const cmd = o.registry.lookup(name);
        if (!cmd) throw unknown();
        return cmd.recipes.map((r) => [...r]);
      },
    },
    {
      name: 'help', doc: 'prints the help text of an MI command',
      params: [{ name: 'mi_cmd', optional: true, doc: 'a command name' }],
      handler: (p) => {
        if (p.mi_cmd === undefined) return 'Usage: help mi_cmd - returns information about \'mi_cmd\'';
        const cmd = o.registry.lookup(miString(p, 'mi_cmd'));
        if (!cmd) throw unknown();
        return { Help: cmd.doc || 'not available for this command', ...(cmd.module ? { 'Exported by': cmd.module } : {}) };
      },
    },
    {
      name: 'ps', doc: 'lists the processes (one: tsips runs in a single process)',
      handler: () => ({ Processes: [{ ID: 0, PID: process.pid, Type: PROCESS_TYPE }] }),
    },
    {
      name: 'log_level', doc: 'gets or sets the log level (optionally of one process, by PID)',
      params: [{ name: 'level', optional: true, doc: 'new level, OpenSIPS numbering (-3..4)' }, { name: 'pid', optional: true, doc: 'process ID' }],
      handler: (p) => {
        if (p.level === undefined) return { Processes: [{ PID: process.pid, 'Log level': o.logger.level, Type: PROCESS_TYPE }] };
        const level = miInt(p, 'level');
        if (p.pid !== undefined) {
          if (miInt(p, 'pid') !== process.pid) throw new MiError(JsonRpcCode.INVALID_PARAMS, 'Invalid params', 'Bad PID');
          o.logger.level = level;
          return { 'Log level': level };
        }
        o.logger.level = level;
        return { 'New global log level': level };
      },
    },
  ];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** C's ctime() without the newline: "Thu Nov  7 09:01:20 2024", as OpenSIPS prints uptime. */
export function ctime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}
