// Small modules the link-error fixtures are linked against: the shapes of real exports
// (sl_send_reply's int+str and route mask, a pvar writer, a regex matcher, a fixup) without
// depending on the real modules, which change on their own schedule.
import { defineModule, fn, arg } from '../../../engine/modules/index.js';

export const testReply = defineModule({
  name: 'test_reply',
  functions: {
    test_reply: fn({
      doc: 'like sl_send_reply', args: [arg.int(), arg.str()], routes: ['request', 'error'],
      fixup: ([code]) => (code !== undefined && (code < 100 || code > 699) ? { arg: 0, message: `reply code ${code} is not in 100..699` } : undefined),
      run: () => 1,
    }),
    test_only_reply: fn({ doc: 'onreply only', args: [], routes: ['onreply'], run: () => 1 }),
  },
});

export const testOps = defineModule({
  name: 'test_ops',
  functions: {
    test_store: fn({ doc: 'writes a variable', args: [arg.pvar({ writable: true }), arg.str({ optional: true })], routes: 'all', run: () => 1 }),
    test_match: fn({ doc: 'regex', args: [arg.regex()], routes: 'all', run: () => 1 }),
    test_opt: fn({ doc: 'optional first', args: [arg.str({ optional: true }), arg.str()], routes: 'all', run: () => 1 }),
  },
  pvars: { test_pv: { doc: 'module variable' } },
});

export const fixtureModules = [testReply, testOps];
