// Conditions and values (script-language.md 6): comparison rules, the four-valued logic,
// type mismatches, regexes, IP networks, arithmetic and concatenation.
import { describe, it, expect } from 'vitest';
import { runMain } from './helpers.js';

/** Prints T or F for each condition, in order. */
async function truth(setup: string, conds: string[]): Promise<string> {
  const body = conds.map((c) => `if (${c}) xlog("T"); else xlog("F");`).join('\n');
  const { out } = await runMain(`${setup}\n${body}`);
  return out.join('');
}

describe('comparisons', () => {
  it('string == and != are case-insensitive; numbers compare as integers', async () => {
    expect(await truth('$var(s) = "Alice"; $var(i) = 5;', [
      '$var(s) == "alice"', '$var(s) != "ALICE"', '$var(i) == 5', '$var(i) > 4', '$var(i) <= 4', '$var(i) == "5"',
    ])).toBe('TFTTFT');
  });

  it('NULL only equals NULL; NULL against a constant is only different', async () => {
    expect(await truth('', ['$var(u) == NULL', '$var(u) != NULL', '$var(u) == "x"', '$var(u) != "x"', '$fU != NULL'])).toBe('TFFTT');
  });

  it('a type mismatch is an error that poisons the whole condition, even under || and !', async () => {
    expect(await truth('$var(s) = "abc";', ['$var(s) == 5', '$var(s) == 5 || 1', '!($var(s) == 5)'])).toBe('FFF');
  });

  it('regex operators search case-insensitively with POSIX classes', async () => {
    expect(await truth('', ['$rm =~ "^reg"', '$fu =~ "[[:digit:]]"', '$fu !~ "example\\.com$"', '$ru =~ $var(none)'])).toBe('TFFF');
  });

  it('variable against variable: ints as ints, strings as strings', async () => {
    expect(await truth('$var(a) = 10; $var(b) = 9; $var(c) = "b"; $var(d) = "B";', [
      '$var(a) > $var(b)', '$var(c) == $var(d)', '$var(c) < $var(d)',
    ])).toBe('TTF');
  });

  it('IP literals and networks compare the string as an address', async () => {
    expect(await truth('', ['$si == 10.0.0.5', '$si == 10.0.0.0/8', '$si == 192.168.0.0/16', '$si != 192.168.0.0/255.255.0.0', '$fU == 10.0.0.0/8'])).toBe('TTFTF');
  });

  it('a variable alone is true when set and non-empty; "0" is true, integer 0 false', async () => {
    expect(await truth('$var(z) = 0; $var(s0) = "0"; $var(e) = "";', ['$var(z)', '$var(s0)', '$var(e)', '$var(none)', '1', '0'])).toBe('FTFFTF');
  });

  it('&& and || short-circuit', async () => {
    const { out } = await runMain('if (0 && xlog("never")) xlog("x"); if (1 || xlog("never")) xlog("or");');
    expect(out).toEqual(['or']);
  });
});

describe('values', () => {
  it('32-bit C arithmetic: wrap, truncating division, % sign of the dividend, ~', async () => {
    const { out } = await runMain(`
      $var(a) = -2147483648 - 1; $var(b) = 7 / 2; $var(c) = -7 % 3; $var(d) = ~0; $var(e) = 1 << 4 | 1;
      xlog("$var(a) $var(b) $var(c) $var(d) $var(e)");`);
    expect(out).toEqual(['2147483647 3 -1 -1 17']);
  });

  it('+ concatenates strings and integer variables; a string plus an integer literal has no value', async () => {
    const { out, ctx } = await runMain(`
      $var(n) = 3; $var(s) = "Alice" + $var(n); xlog("$var(s)");
      $var(bad) = "x"; $var(bad) = "a" + 1; xlog(" $var(bad) $rc");`);
    expect(out).toEqual(['Alice3', ' x -1']);
    expect(ctx.vars.get('bad')).toEqual({ s: 'x', intFirst: false });
  });

  it('division by zero logs and gives 0', async () => {
    const { out, core } = await runMain('$var(x) = 5 / 0; xlog("$var(x)");');
    expect(out).toEqual(['0']);
    expect(core.lines.some((l) => l.message.includes('divide by 0'))).toBe(true);
  });

  it('[ value ] tests the truth of a computed value; a comparison as a value gives 1 or 0', async () => {
    const { out } = await runMain(`
      $var(a) = 1; $var(b) = $var(a) == 1; xlog("$var(b)");
      if ([$var(a) - 1]) xlog(" yes"); else xlog(" no");`);
    expect(out).toEqual(['1', ' no']);
  });
});
