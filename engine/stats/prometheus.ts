// Prometheus text export of the statistics, through prom-client. Values stay in our Stat
// objects (the per-message path never touches prom-client); each scrape copies them in.
// Names follow OpenSIPS's prometheus module: <prefix>_<group>_<name>, prefix "opensips", so
// dashboards built for OpenSIPS keep working.
import { Registry, Counter, Gauge } from 'prom-client';
import type { StatsRegistry } from './registry.js';
import type { Stat } from './stat.js';

export interface PrometheusExporter {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export function createPrometheusExporter(stats: StatsRegistry, opts: { prefix?: string } = {}): PrometheusExporter {
  const prefix = opts.prefix ?? 'opensips';
  const registry = new Registry();
  const exported = new Set<Stat>();

  // Statistics may be declared after the exporter exists (modules init later): add new ones
  // at each scrape.
  const sync = (): void => {
    for (const s of stats.all()) {
      if (exported.has(s)) continue;
      exported.add(s);
      const name = metricName(prefix, s.group, s.name);
      const help = s.doc || `${s.group}:${s.name}`;
      if (s.kind === 'counter') {
        new Counter({ name, help, registers: [registry], collect() { this.reset(); this.inc(Math.max(0, s.get())); } });
      } else {
        new Gauge({ name, help, registers: [registry], collect() { this.set(s.get()); } });
      }
    }
  };

  return {
    contentType: registry.contentType,
    async metrics() {
      sync();
      return registry.metrics();
    },
  };
}

/** Prometheus names allow [a-zA-Z0-9_:]; OpenSIPS statistic names may hold '-' or spaces. */
export function metricName(prefix: string, group: string, name: string): string {
  return [prefix, group, name].filter(Boolean).join('_').replace(/[^a-zA-Z0-9_]/g, '_');
}
