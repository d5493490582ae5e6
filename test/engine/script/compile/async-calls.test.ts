// The sync fast path (STYLE.md 7): a route whose calls return plain values runs to the end
// synchronously (no promise); a call returning a promise switches to awaiting from there,
// and the statements after it still run in order with the right $rc.
import { describe, it, expect } from 'vitest';
import { build, fakeCore, contextFor } from './helpers.js';
import { testModule, newState } from './test-module.js';

describe('sync and async paths', () => {
  it('runRequest returns no promise when every call is synchronous', () => {
    const st = newState();
    const core = fakeCore();
    const script = build('route { ret(1); if (ret(2)) { xlog("a $rc"); } route(sub); xlog(" end"); } route[sub] { $var(i) = 0; while ($var(i) < 3) { $var(i) += 1; ret($var(i)); } }',
      [testModule], { testmod: st });
    const r = script.runRequest(contextFor(core));
    expect(r).toBeUndefined();
    expect(core.printed()).toEqual(['a 2', ' end']);
    expect(st.calls).toEqual([['ret', 1], ['ret', 2], ['ret', 1], ['ret', 2], ['ret', 3]]);
  });

  it('a promise in the middle: later statements wait for it, run in order, and see its $rc', async () => {
    const st = newState();
    const core = fakeCore();
    const script = build(`route {
      rec("before");
      ret_async(-6);
      xlog("rc=$rc");
      rec("after");
      if (ret_async(4)) xlog(" cond=$rc");
      route(sub);
      xlog(" sub=$rc");
    }
    route[sub] { switch ($var(x)) { default: ret_async(9); } $var(n) = 0; while ($var(n) < 2) { $var(n) += 1; ret_async($var(n)); } }`,
    [testModule], { testmod: st });
    const r = script.runRequest(contextFor(core));
    expect(r).toBeInstanceOf(Promise);
    expect(st.calls).toEqual([['rec', 'before', undefined]]); // stopped at the promise
    await r;
    expect(st.calls).toEqual([['rec', 'before', undefined], ['ret_async', -6], ['rec', 'after', undefined], ['ret_async', 4], ['ret_async', 9], ['ret_async', 1], ['ret_async', 2]]);
    expect(core.printed()).toEqual(['rc=-6', ' cond=4', ' sub=2']);
  });

  it('an async 0 still stops the script', async () => {
    const st = newState();
    const core = fakeCore();
    const script = build('route { if (ret_async(0)) xlog("then"); else xlog("else"); xlog("after"); }', [testModule], { testmod: st });
    await script.runRequest(contextFor(core));
    expect(core.printed()).toEqual([]);
  });

  it('runRoute resolves to the code of an async route', async () => {
    const script = build('route { exit; } failure_route[f] { ret_async(-3); }', [testModule], { testmod: newState() });
    await expect(script.runRoute('failure', 'f', contextFor(fakeCore()))).resolves.toBe(-3);
  });
});
