// The statistics of one tsips process (OpenSIPS stats_collector), named `group:name` as
// OpenSIPS prints them (`core:rcv_requests`). Created by the runtime and passed around; no
// module-level registry.
import { createStat, type Stat, type StatDef } from './stat.js';

export interface StatsRegistry {
  /** Registers a statistic; a second one with the same group and name is refused. */
  declare(group: string, name: string, def: StatDef, read?: () => number): Stat;
  /** `name` or `group:name`, case-insensitive like OpenSIPS's get_stat. */
  find(name: string): Stat | undefined;
  /** The statistics of one group (OpenSIPS `core:`), in declaration order. */
  group(group: string): Stat[];
  groups(): string[];
  all(): Stat[];
}

export function createStatsRegistry(): StatsRegistry {
  const byGroup = new Map<string, Stat[]>();
  const byFullName = new Map<string, Stat>();
  const byName = new Map<string, Stat>(); // first statistic of that bare name wins, as in OpenSIPS

  return {
    declare(group, name, def, read) {
      const full = `${group}:${name}`.toLowerCase();
      if (byFullName.has(full)) throw new Error(`statistic '${group}:${name}' is already registered`);
      const s = createStat(group, name, def, read);
      byFullName.set(full, s);
      if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), s);
      const list = byGroup.get(group) ?? [];
      list.push(s);
      byGroup.set(group, list);
      return s;
    },
    find(name) {
      const key = name.toLowerCase();
      return key.includes(':') ? byFullName.get(key) : byName.get(key);
    },
    group(g) {
      for (const [k, v] of byGroup) if (k.toLowerCase() === g.toLowerCase()) return [...v];
      return [];
    },
    groups: () => [...byGroup.keys()],
    all: () => [...byGroup.values()].flat(),
  };
}
