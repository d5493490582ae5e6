// switch, while, for-each, route(name, args) with $param and return(code, values) with
// $return (script-language.md 5.3-5.8).
import { describe, it, expect } from 'vitest';
import { runMain, build, fakeCore, contextFor } from './helpers.js';

describe('switch', () => {
  it('falls through until break; string labels are case-insensitive; "2" does not match case 2', async () => {
    const { out } = await runMain(`
      $var(m) = "register";
      switch ($var(m)) { case "INVITE": xlog("i"); case "REGISTER": xlog("r"); case "X": xlog("x"); break; default: xlog("d"); }
      $var(n) = "2";
      switch ($var(n)) { case 2: xlog("two"); break; default: xlog("dflt"); }
      $var(k) = 2;
      switch ($var(k)) { case 1: xlog("1"); case 2: xlog("2"); case 3: xlog("3"); default: xlog("D"); }`);
    expect(out).toEqual(['r', 'x', 'dflt', '2', '3', 'D']);
  });

  it('NULL matches nothing; $rc is 1 when nothing ran', async () => {
    const r = await runMain(`switch ($var(none)) { case "a": xlog("a"); } xlog("rc=$rc");`);
    expect(r.out).toEqual(['rc=1']);
  });
});

describe('while', () => {
  it('loops, honours break, and stops at max_while_loops with an error', async () => {
    const { out } = await runMain(`
      $var(i) = 0; while ($var(i) < 3) { xlog("$var(i)"); $var(i) += 1; }
      while (1) { if ($var(i) == 5) break; $var(i) += 1; } xlog(" i=$var(i)");`);
    expect(out).toEqual(['0', '1', '2', ' i=5']);

    const core = fakeCore();
    const script = build('route { $var(n) = 0; while (1) { $var(n) += 1; } xlog("n=$var(n)"); }', [], {}, { maxWhileLoops: 50 });
    await script.runRequest(contextFor(core));
    expect(core.printed()).toEqual(['n=50']);
    expect(core.lines.some((l) => l.message.includes("max while loops reached (50)"))).toBe(true);
  });
});

describe('for each', () => {
  it('walks AVPs newest first and header lines in order', async () => {
    const { out } = await runMain(`
      $avp(l) = "a"; $avp(l) = "b"; $avp(l) = "c";
      for ($var(v) in $(avp(l)[*])) xlog("$var(v)");
      for ($var(h) in $(hdr(X-Test)[*])) { if ($var(h) == "three") break; xlog("[$var(h)]"); }`);
    expect(out).toEqual(['c', 'b', 'a', '[one]', '[two]']);
  });
});

describe('route() with arguments and return values', () => {
  it('$param is 1-based, missing ones are NULL, strings are not formatted, variables are copied', async () => {
    const { out } = await runMain(`$var(x) = 7; route(show, "$ru", $var(x), 42, NULL); xlog(" after=$param(1)");`, {
      extra: 'route[show] { xlog("$param(1)|$param(2)|$param(3)|$param(4)|$param(5)"); route(inner, "in"); xlog("|$param(1)"); } route[inner] { xlog("|$param(1)"); }',
    });
    expect(out).toEqual(['$ru|7|42|<null>|<null>', '|in', '|$ru', ' after=<null>']);
  });

  it('return(code, values) sets $rc and $return(i)', async () => {
    const { out } = await runMain('route(calc); xlog("$rc $return(0) $return(1) $return(2)");', {
      extra: 'route[calc] { $var(r) = "res"; return(3, $var(r), 9); }',
    });
    expect(out).toEqual(['3 res 9 <null>']);
  });

  it('dynamic route names and the recursion limit', async () => {
    const { out, core } = await runMain('$var(t) = "b"; route($var(t)); route("a_$var(t)"); $var(d) = 0; route(rec); xlog("depth=$var(d)");', {
      extra: 'route[b] { xlog("B"); } route[a_b] { xlog("AB"); } route[rec] { $var(d) += 1; route(rec); }',
    });
    expect(out).toEqual(['B', 'AB', 'depth=100']);
    expect(core.lines.some((l) => l.message.includes('route recursion limit reached'))).toBe(true);
  });
});
