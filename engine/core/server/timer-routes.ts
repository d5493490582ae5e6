// timer_route[name, seconds]: each runs on the dummy request every `seconds`. A run that is
// still going (asynchronous) when the next tick comes is not overlapped: OpenSIPS runs each
// timer route in the timer process, one run after the other.
import type { CompiledScript } from '../../script/compiled-script.js';
import type { CoreServices, MessageContext } from '../message-context.js';
import type { RouteType } from '../../modules/index.js';
import { LogLevel } from '../log.js';
import type { InFlight } from './in-flight.js';

export function startTimerRoutes(
  script: CompiledScript, core: CoreServices, dummy: (core: CoreServices, t: RouteType) => MessageContext, inFlight: InFlight,
): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const t of script.timers) {
    let busy = false;
    const tick = () => {
      if (busy) return;
      try {
        const r = script.runRoute('timer', t.name, dummy(core, 'timer'));
        if (r instanceof Promise) {
          busy = true;
          const p = r.catch((e: unknown) => failed(core, t.name, e)).finally(() => { busy = false; });
          inFlight.track(p);
        }
      } catch (e) {
        failed(core, t.name, e);
      }
    };
    timers.push(setInterval(tick, Math.max(1, t.intervalSec) * 1000));
  }
  return () => { for (const x of timers) clearInterval(x); };
}

function failed(core: CoreServices, name: string, e: unknown): void {
  core.log.log(LogLevel.ERR, 'core', `timer_route[${name}] failed: ${(e as Error)?.stack ?? e}`);
}
