// Ending routes and return codes (script-language.md 4.3-4.5): $rc after each statement,
// exit vs return, drop, 0 = stop the script, a route's value without return.
import { describe, it, expect } from 'vitest';
import { runMain, build, fakeCore, contextFor } from './helpers.js';
import { withTestModule } from './test-module.js';

describe('return codes and $rc', () => {
  it('$rc is the last function value; an assignment gives 1; a false if without else gives 0', async () => {
    const t = withTestModule();
    const { out } = await runMain(`
      ret(-3); xlog("a=$rc\\n");
      $var(x) = 1; xlog("b=$retcode\\n");
      ret(5);
      if ($var(x) == 2) { xlog("no"); }
      xlog("c=$rc\\n");`, t);
    // xlog itself returns 1, so each $rc read above sees the statement before the xlog.
    expect(out).toEqual(['a=-3\n', 'b=1\n', 'c=0\n']);
  });

  it('inside an if branch $rc is the last call evaluated in the condition', async () => {
    const t = withTestModule();
    const { out } = await runMain(`
      if (!ret(-2)) { switch ($rc) { case -2: xlog("minus two"); break; default: xlog("other"); } }`, t);
    expect(out).toEqual(['minus two']);
  });

  it('a function returning 0 as a statement ends the script', async () => {
    const t = withTestModule();
    const { out } = await runMain(`xlog("before"); ret(0); xlog("after");`, t);
    expect(out).toEqual(['before']);
  });

  it('0 in a condition stops the script, also under ! && and ||', async () => {
    for (const cond of ['ret(0)', '!ret(0)', 'ret(1) && ret(0)', 'ret(-1) || ret(0)', '!route(zero)']) {
      const t = withTestModule();
      const { out } = await runMain(`if (${cond}) xlog("then"); else xlog("else"); xlog("after");`, { ...t, extra: 'route[zero] { return(0); }' });
      expect(out, cond).toEqual([]);
    }
  });

  it('booleans read as 1 and -1', async () => {
    const t = withTestModule();
    const { out } = await runMain(`yes(); xlog("$rc "); no(); xlog("$rc");`, t);
    expect(out).toEqual(['1 ', '-1']);
  });

  it('return leaves only the current route; exit ends everything', async () => {
    const { out } = await runMain(`
      route(r1); xlog("r1=$rc\\n");
      route(r2); xlog("not reached\\n");`, {
      extra: `route[r1] { xlog("in r1\\n"); return(-7); xlog("no\\n"); }
              route[r2] { xlog("in r2\\n"); route(r3); xlog("no\\n"); }
              route[r3] { exit; }`,
    });
    expect(out).toEqual(['in r1\n', 'r1=-7\n', 'in r2\n']);
  });

  it('a route without return gives its last statement value; return 0 acts like exit', async () => {
    const t = withTestModule();
    const { out } = await runMain(`route(last); xlog("last=$rc\\n"); route(zero); xlog("no");`, {
      ...t, extra: 'route[last] { ret(-4); } route[zero] { return 0; }',
    });
    expect(out).toEqual(['last=-4\n']);
  });

  it('return $var(x) gives its integer, 1 for a string, -1 for NULL', async () => {
    const { out } = await runMain(`
      $var(v) = 12; route(rv); xlog("$rc ");
      $var(v) = "abc"; route(rv); xlog("$rc ");
      $var(v) = NULL; route(rv); xlog("$rc");`, { extra: 'route[rv] { return $var(v); }' });
    expect(out).toEqual(['12 ', '1 ', '-1']);
  });

  it('drop marks the context and stops', async () => {
    const { ctx, out } = await runMain(`xlog("x"); drop; xlog("y");`);
    expect(ctx.dropped).toBe(true);
    expect(out).toEqual(['x']);
  });

  it('runRoute gives the route code and 1 for a missing route', async () => {
    const core = fakeCore();
    const script = build('route { exit; } failure_route[missed] { return(-5); } branch_route[b] { xlog("b"); }');
    expect(await script.runRoute('failure', 'missed', contextFor(core))).toBe(-5);
    expect(await script.runRoute('failure', 'nope', contextFor(core))).toBe(1);
    expect(await script.runRoute('branch', 'b', contextFor(core))).toBe(1);
    expect(script.hasRoute('failure', 'missed')).toBe(true);
    expect(script.hasRoute('onreply')).toBe(false);
  });

  it('a function that throws is logged and counts as -1', async () => {
    const t = withTestModule();
    const { out, core } = await runMain(`boom(); xlog("rc=$rc");`, t);
    expect(out).toEqual(['rc=-1']);
    expect(core.lines.some((l) => l.message.includes('kaboom'))).toBe(true);
  });
});

describe('a route ending in a false if', () => {
  it('gives 1 to its caller (the if statement value), though $rc inside was 0', async () => {
    const { out } = await runMain('route(sub); xlog("sub=$rc");', { extra: 'route[sub] { if ($var(x) == 1) xlog("no"); }' });
    expect(out).toEqual(['sub=1']);
  });
});
