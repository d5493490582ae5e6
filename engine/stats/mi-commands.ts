// The statistics MI commands, as OpenSIPS's statistics.c exports them: get_statistics,
// list_statistics, reset_statistics, each taking `statistics`, an array of names where
// "group:" means a whole group and "all" everything. Results are flat objects keyed
// "group:name", the shape OpenSIPS prints.
import type { MiCommandDef } from '../mi/command.js';
import { miStringArray } from '../mi/command.js';
import { MiError } from '../mi/mi-error.js';
import type { StatsRegistry } from './registry.js';
import type { Stat } from './stat.js';

function select(stats: StatsRegistry, names: readonly string[], allowAll: boolean): Stat[] | undefined {
  const out: Stat[] = [];
  let found = false;
  for (const n of names) {
    if (allowAll && n === 'all') { out.push(...stats.all()); found = true; }
    else if (n.length > 1 && n.endsWith(':')) {
      const g = stats.group(n.slice(0, -1));
      if (g.length) { out.push(...g); found = true; }
    } else {
      const s = stats.find(n);
      if (s) { out.push(s); found = true; }
    }
  }
  return found ? out : undefined;
}

const notFound = (): MiError => new MiError(404, 'Statistics Not Found');
const key = (s: Stat): string => `${s.group}:${s.name}`;

export function statisticsMiCommands(stats: StatsRegistry): MiCommandDef[] {
  return [
    {
      name: 'get_statistics',
      doc: 'prints the statistics (all, group or one) realtime values.',
      params: [{ name: 'statistics', doc: 'names, "group:" or "all"' }],
      handler: (p) => {
        const sel = select(stats, miStringArray(p, 'statistics'), true);
        if (!sel) throw notFound();
        return Object.fromEntries(sel.map((s) => [key(s), s.get()]));
      },
    },
    {
      name: 'list_statistics',
      doc: 'lists all the registered statistics and their types',
      recipes: [[], ['statistics']],
      handler: (p) => {
        const sel = p.statistics === undefined ? stats.all() : select(stats, miStringArray(p, 'statistics'), false);
        if (!sel) throw notFound();
        return Object.fromEntries(sel.map((s) => [key(s), s.resettable ? 'incremental' : 'non-incremental']));
      },
    },
    {
      name: 'reset_statistics',
      doc: 'resets the value of a statistic variable',
      params: [{ name: 'statistics', doc: 'statistic names' }],
      handler: (p) => {
        let found = false;
        for (const n of miStringArray(p, 'statistics')) {
          const s = stats.find(n);
          if (s) { s.reset(); found = true; }
        }
        if (!found) throw notFound();
        return 'OK';
      },
    },
  ];
}
