// Type-level checks of what defineModule infers (STYLE.md section 9). Not run: compiled by
// define-module.types.test.ts, which fails on any type error here (including an unused
// expect-error directive, i.e. a mistake the types no longer catch).
import { expectTypeOf } from 'vitest';
import { defineModule, fn, arg, param, type PvarRef } from '../../../engine/modules/index.js';

interface FakeUsrlocApi { lookup(aor: string): string[] }
interface FakePuaApi { publish(body: string): void }
declare module '../../../engine/modules/apis.js' {
  interface ModuleApis { fake_usrloc: FakeUsrlocApi; fake_pua: FakePuaApi }
}

interface ReginfoState { count: number }

export const m = defineModule({
  name: 'fake_reginfo',
  deps: { fake_usrloc: 'abort', fake_pua: 'optional' },
  params: {
    server_address: param.str({ required: true, doc: 'SIP URI we SUBSCRIBE from' }),
    publish_reginfo: param.int({ default: 1, oneOf: [0, 1], doc: 'publish or not' }),
    outbound_proxy: param.str({ doc: 'optional' }),
    tw_append: param.str({ multi: true, doc: 'repeatable' }),
  },
  functions: {
    reginfo_subscribe: fn({
      args: [arg.str(), arg.int({ optional: true }), arg.pvar({ writable: true }), arg.regex({ optional: true })],
      routes: ['request', 'onreply'],
      doc: 'subscribe',
      run: (_msg, st: ReginfoState, uri, expires, out, re) => {
        expectTypeOf(uri).toEqualTypeOf<string>();
        expectTypeOf(expires).toEqualTypeOf<number | undefined>();
        expectTypeOf(out).toEqualTypeOf<PvarRef>();
        expectTypeOf(re).toEqualTypeOf<RegExp | undefined>();
        expectTypeOf(st.count).toEqualTypeOf<number>();
        return 1;
      },
      fixup: ([uri, expires]) => {
        expectTypeOf(uri).toEqualTypeOf<string | undefined>();
        expectTypeOf(expires).toEqualTypeOf<number | undefined>();
        return undefined;
      },
    }),
  },
  init: (ctx): ReginfoState => {
    expectTypeOf(ctx.params.server_address).toEqualTypeOf<string>();
    expectTypeOf(ctx.params.publish_reginfo).toEqualTypeOf<number>();
    expectTypeOf(ctx.params.outbound_proxy).toEqualTypeOf<string | undefined>();
    expectTypeOf(ctx.params.tw_append).toEqualTypeOf<readonly string[]>();
    // The declared dependency kinds drive the API types.
    expectTypeOf(ctx.api('fake_usrloc')).toEqualTypeOf<FakeUsrlocApi>();
    expectTypeOf(ctx.api('fake_pua')).toEqualTypeOf<FakePuaApi | undefined>();
    // @ts-expect-error: not a declared dependency
    ctx.api('httpd');
    return { count: 0 };
  },
  destroy: (st) => { expectTypeOf(st).toEqualTypeOf<ReginfoState>(); },
});

defineModule({
  name: 'wrong_state',
  functions: {
    f: fn({ args: [], routes: 'all', doc: 'f', run: (_m, st: { a: string }) => st.a.length }),
  },
  // @ts-expect-error: what init returns must be the state run declares (reported here)
  init: () => ({ b: 1 }),
});

fn({
  args: [arg.int()], routes: ['request'], doc: 'x',
  // @ts-expect-error: an int argument is a number, not a string
  run: (_m, _st: unknown, n: string) => n.length,
});
