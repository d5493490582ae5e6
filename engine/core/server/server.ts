// The running server: after the checks (check-script.ts), the steps that act (section 11,
// "tsips mapping"): bind the sockets, register the core MI commands and statistics, init the
// modules in dependency order, compile the routes, per-worker init, startup_route, serve.
// stop() undoes it: stop taking messages, let asynchronous script runs finish (bounded),
// destroy the modules in reverse order, close the sockets.
import { Transport, type ListenSocket } from '../../transport/index.js';
import { createMiRegistry, coreMiCommands, type MiRegistry } from '../../mi/index.js';
import { createStatsRegistry, declareCoreStats, declareMemoryStats, statisticsMiCommands, type StatsRegistry } from '../../stats/index.js';
import { initModules, childInitModules, destroyModules, MessageHookLists, RuntimeSlot, type ModuleSet } from '../../modules/index.js';
import { RealTimers } from '../timers.js';
import type { CompiledScript } from '../../script/compiled-script.js';
import { LogLevel, type Logger } from '../log.js';
import type { CheckedScript } from './check-script.js';
import { createCoreServices } from './core-services.js';
import { InFlight } from './in-flight.js';
import { createMessageHandler } from './message-handler.js';
import { startTimerRoutes } from './timer-routes.js';

export interface Server {
  readonly sockets: readonly ListenSocket[];
  readonly mi: MiRegistry;
  readonly stats: StatsRegistry;
  readonly script: CompiledScript;
  stop(drainMs?: number): Promise<void>;
}

export interface ServerOptions {
  readonly log: Logger;
  readonly version: string;
}

export async function startServer(c: CheckedScript, o: ServerOptions): Promise<Server> {
  const { log } = o;
  const startTime = new Date();
  const stats = createStatsRegistry();
  const mi = createMiRegistry();
  const coreStats = declareCoreStats(stats);
  declareMemoryStats(stats);
  for (const cmd of [...coreMiCommands({ registry: mi, version: o.version, startTime, logger: log }), ...statisticsMiCommands(stats)]) {
    mi.register(cmd);
  }
  const cfg = c.config;
  const transport = new Transport({
    connectTimeoutMs: cfg.tcpConnectTimeoutMs, connectionLifetimeMs: cfg.tcpConnectionLifetimeSec * 1000,
    maxConnections: cfg.tcpMaxConnections, log,
  });
  await transport.start(c.sockets);
  let modules: ModuleSet | undefined;
  let stopTimers = () => {};
  const timers = new RealTimers((e) => log.log(LogLevel.ERR, 'core', `timer failed: ${(e as Error)?.stack ?? e}`));
  try {
    const hooks = new MessageHookLists();
    const runtime = new RuntimeSlot();
    modules = await initModules(c.prepared, { log, mi, stats, hooks, timers, runtime });
    const moduleStates = new Map(modules.modules.map((m) => [m.name, m.state]));
    const script = c.runtime.compileScript(c.linked, { moduleStates, log, maxWhileLoops: cfg.maxWhileLoops });
    const inFlight = new InFlight();
    const core = createCoreServices({
      transport, config: cfg, log, stats, coreStats, startedAt: Math.floor(startTime.getTime() / 1000),
      track: (p) => inFlight.track(p),
    });
    runtime.set({
      core, script, sockets: transport.sockets,
      send: (target, buf, opts) => transport.send(target, buf, opts),
      createDummyContext: (type) => c.runtime.createDummyContext(core, type),
    });
    await childInitModules(modules);
    if (script.hasRoute('startup')) {
      // An internal error here aborts start-up; a script-level exit or return(-1) does not.
      await script.runRoute('startup', undefined, c.runtime.createDummyContext(core, 'startup'));
    }
    const unsubscribe = transport.onMessage(createMessageHandler({ transport, core, script, stats: coreStats, log, inFlight, hooks }));
    stopTimers = startTimerRoutes(script, core, c.runtime.createDummyContext, inFlight);
    const running = modules;
    let stopping: Promise<void> | undefined;
    return {
      sockets: transport.sockets, mi, stats, script,
      stop: (drainMs = 5000) => (stopping ??= (async () => {
        unsubscribe();
        stopTimers();
        if (!(await inFlight.drain(drainMs))) log.log(LogLevel.WARN, 'core', `${inFlight.size} script run(s) still busy after ${drainMs} ms; stopping anyway`);
        await destroyModules(running);
        timers.stopAll();
        await transport.stop();
      })()),
    };
  } catch (e) {
    stopTimers();
    if (modules) await destroyModules(modules);
    timers.stopAll();
    await transport.stop();
    throw e;
  }
}
