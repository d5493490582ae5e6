import { describe, it, expect } from 'vitest';
import { Diagnostics } from '../../../engine/script/diagnostics.js';
import {
  defineModule, param, stat, miCommand, prepareModules, initModules, childInitModules, destroyModules, ModuleError,
  type AnyModule, type LoadedModule,
} from '../../../engine/modules/index.js';
import { loc } from './helpers.js';
import { testServices } from './services.js';

const loaded = (def: AnyModule, line = 1): LoadedModule => ({ name: def.name, def, file: '', builtin: true, loc: loc(line), settings: new Map() });

/** A module that records its lifecycle calls in `log`. */
function recorder(name: string, log: string[], deps: Record<string, 'abort' | 'warn' | 'optional'> = {}, extra: Partial<AnyModule> = {}): AnyModule {
  return {
    name, deps,
    init: () => { log.push(`init ${name}`); return { name }; },
    childInit: (st: { name: string }) => { log.push(`child ${st.name}`); },
    destroy: (st: { name: string }) => { log.push(`destroy ${st.name}`); },
    ...extra,
  };
}

function prepare(defs: AnyModule[]) {
  const out = new Diagnostics();
  const p = prepareModules(defs.map((d, i) => loaded(d, i + 1)), out);
  expect(out.list).toEqual([]);
  return p!;
}

describe('module lifecycle', () => {
  it('inits in dependency order, child-inits in the same order, destroys in reverse', async () => {
    const log: string[] = [];
    const p = prepare([recorder('registrar', log, { usrloc: 'abort' }), recorder('usrloc', log), recorder('maxfwd', log)]);
    const set = await initModules(p, testServices());
    await childInitModules(set);
    expect(await destroyModules(set)).toEqual([]);
    expect(log).toEqual([
      'init usrloc', 'init registrar', 'init maxfwd',
      'child usrloc', 'child registrar', 'child maxfwd',
      'destroy maxfwd', 'destroy registrar', 'destroy usrloc',
    ]);
    expect(set.timings.filter((t) => t.phase === 'init').map((t) => t.module)).toEqual(['usrloc', 'registrar', 'maxfwd']);
    expect(set.timings.every((t) => t.ms >= 0)).toBe(true);
  });

  it('passes params, stats and dependency APIs to init; registers MI commands bound to the state', async () => {
    const services = testServices();
    const provider = defineModule({
      name: 'provider',
      params: { greeting: param.str({ default: 'hi', doc: 'g' }) },
      stats: { calls: stat.counter({ doc: 'c' }), size: stat.computed({ doc: 's', read: (st: { n: number }) => st.n }) },
      init: (ctx) => ({ greeting: ctx.params.greeting, calls: ctx.stats.calls, n: 3 }),
      api: (st) => ({ greet: (who: string) => { st.calls.inc(); return `${st.greeting} ${who}`; } }),
      mi: { provider_hello: miCommand<{ greeting: string }>({ doc: 'says hello', handler: (_p, st) => st.greeting }) },
    });
    let greeted = '';
    const consumer = defineModule({
      name: 'consumer',
      deps: { provider: 'abort', missing: 'optional' },
      init: (ctx) => {
        const api = ctx.api('provider' as never) as { greet(w: string): string };
        greeted = api.greet('there');
        expect(ctx.api('missing' as never)).toBeUndefined();
      },
    });
    const mods = [loaded(consumer as AnyModule, 1), loaded(provider as AnyModule, 2)];
    mods[1]!.settings.set('greeting', [{ value: 'hello', loc: loc(9) }]);
    const out = new Diagnostics();
    const set = await initModules(prepareModules(mods, out)!, services);
    expect(out.list).toEqual([]);
    expect(greeted).toBe('hello there');
    expect(services.stats.find('provider:calls')?.get()).toBe(1);
    expect(services.stats.find('provider:size')?.get()).toBe(3);
    const cmd = services.mi.lookup('provider_hello');
    expect(cmd?.module).toBe('provider');
    expect(await cmd!.handler({}, { command: 'provider_hello', recipe: [] })).toBe('hello');
    await destroyModules(set);
  });

  it('times out an init that hangs, naming the module, and destroys the modules already up', async () => {
    const log: string[] = [];
    const p = prepare([recorder('first', log), recorder('stuck', log, {}, { init: () => new Promise(() => {}) })]);
    const err = await initModules(p, testServices(), { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModuleError);
    expect(err).toMatchObject({ code: 'TSIPS_MODULE_INIT_TIMEOUT', module: 'stuck' });
    expect((err as Error).message).toContain("module 'stuck' init did not finish within 50 ms");
    expect(log).toEqual(['init first', 'destroy first']);
  });

  it('turns a failing init into a ModuleError naming the module', async () => {
    const p = prepare([recorder('bad', [], {}, { init: () => { throw new Error('no server_address'); } })]);
    await expect(initModules(p, testServices())).rejects.toMatchObject({ code: 'TSIPS_MODULE_INIT_FAILED', module: 'bad' });
  });

  it('logs a failing destroy and still destroys the others', async () => {
    const log: string[] = [];
    const services = testServices();
    const p = prepare([recorder('a', log), recorder('b', log, {}, { destroy: () => { throw new Error('oops'); } })]);
    const set = await initModules(p, services);
    const failures = await destroyModules(set);
    expect(failures.map((f) => f.module)).toEqual(['b']);
    expect(log).toEqual(['init a', 'init b', 'destroy a']);
    expect(services.lines.join('')).toContain("destroy of module 'b' failed");
  });
});
