// engine/stats: statistics named as OpenSIPS names them, readable over MI and as Prometheus
// text. The only public door of this folder.
export { stat, type Stat, type StatDef, type StatDefs, type StatKind } from './stat.js';
export { createStatsRegistry, type StatsRegistry } from './registry.js';
export { CORE_STATS, declareCoreStats, type CoreStats } from './core-stats.js';
export { declareMemoryStats } from './memory-stats.js';
export { createPrometheusExporter, metricName, type PrometheusExporter } from './prometheus.js';
export { statisticsMiCommands } from './mi-commands.js';
export { createMetricsHttpHandler } from './metrics-http-handler.js';
