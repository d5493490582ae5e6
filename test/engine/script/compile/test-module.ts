// A module for runtime tests: functions that return what they are told (sync or through a
// promise), record their arguments, and reply like sl_send_reply.
import { defineModule, fn, arg } from '../../../../engine/modules/index.js';
import type { MessageContext } from '../../../../engine/core/message-context.js';
import { str } from '../../../../engine/script/value.js';

export interface TestState { calls: unknown[][] }

export const testModule = defineModule({
  name: 'testmod',
  functions: {
    ret: fn({ doc: 'returns its argument', args: [arg.int()], routes: 'all', run: (_c, st: TestState, n) => { st.calls.push(['ret', n]); return n; } }),
    ret_async: fn({
      doc: 'returns its argument after a tick', args: [arg.int()], routes: 'all',
      run: (_c, st: TestState, n) => new Promise<number>((resolve) => setTimeout(() => { st.calls.push(['ret_async', n]); resolve(n); }, 1)),
    }),
    rec: fn({ doc: 'records its arguments', args: [arg.str(), arg.int({ optional: true })], routes: 'all',
      run: (_c, st: TestState, s, n) => { st.calls.push(['rec', s, n]); return 1; } }),
    reply: fn({ doc: 'replies', args: [arg.int(), arg.str()], routes: ['request'],
      run: (ctx: MessageContext, _st: TestState, code, reason) => (ctx.core.sendReply(ctx, code, reason) ? 1 : -1) }),
    put: fn({ doc: 'writes a variable', args: [arg.pvar({ writable: true }), arg.str()], routes: 'all',
      run: (_c, _st: TestState, v, s) => { v.set(str(s)); return 1; } }),
    boom: fn({ doc: 'throws', args: [], routes: 'all', run: () => { throw new Error('kaboom'); } }),
    yes: fn({ doc: 'boolean true', args: [], routes: 'all', run: () => true }),
    no: fn({ doc: 'boolean false', args: [], routes: 'all', run: () => false }),
  },
  pvars: {
    test_counter: { doc: 'calls so far', get: (_ctx, st: TestState) => ({ s: String(st.calls.length), i: st.calls.length, intFirst: true }) },
  },
});

export const newState = (): TestState => ({ calls: [] });

/** Options for runMain with the test module loaded and a fresh state. */
export function withTestModule(): { modules: [typeof testModule]; states: { testmod: TestState }; st: TestState } {
  const st = newState();
  return { modules: [testModule], states: { testmod: st }, st };
}
