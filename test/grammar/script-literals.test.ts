// Literal forms of reference 1.3, 1.4 and 1.7: strings, numbers, booleans, NULL, comments.
import { describe, expect, it } from 'vitest';
import type { Global, ModParam } from '../../engine/script/ast.js';
import { body, parseScript, stripLocs, value } from './helpers.js';

describe('strings', () => {
  it('double-quoted escapes; other backslashes stay (\\d, \\+, \\1)', () => {
    expect(value('"a\\tb\\n\\"q\\"\\\\"')).toMatchObject({ value: 'a\tb\n"q"\\' });
    expect(value('"^\\+[1-9]\\d \\1"')).toMatchObject({ value: '^\\+[1-9]\\d \\1' });
    expect(value('"\\x41\\101\\a"')).toMatchObject({ value: 'AA\x07' });
  });
  it('single-quoted strings have no escapes', () => {
    expect(value("'a\\nb'")).toMatchObject({ value: 'a\\nb', quote: "'" });
  });
  it('multi-line strings keep the newline; backslash-newline is dropped (quirk 21)', () => {
    expect(value('"a\nb"')).toMatchObject({ value: 'a\nb' });
    expect(value('"a\\\nb"')).toMatchObject({ value: 'ab' });
  });
  it('adjacent strings fold in modparam values and xlog formats', () => {
    const m = parseScript('modparam("m", "p", "a"\n  "b" # comment\n "c")\n').items[0] as ModParam;
    expect(m.value).toMatchObject({ type: 'FoldedString', value: 'abc' });
    expect(body('xlog("L_ERR", "x" "y");')[0]).toMatchObject({ type: 'Call', args: [{ value: 'L_ERR' }, { type: 'FoldedString', value: 'xy' }] });
  });
});

describe('numbers, booleans, NULL', () => {
  it('decimal, hex, octal, signed; 32-bit wrap', () => {
    expect(value('0x1F')).toMatchObject({ value: 31, raw: '0x1F' });
    expect(value('0666')).toMatchObject({ value: 438 });
    expect(value('-7')).toMatchObject({ value: -7 });
    expect(value('4294967297')).toMatchObject({ value: 1 });
  });
  it('yes/no/true/false/on/off/enable/disable are 1 and 0', () => {
    const g = parseScript('a=yes\nb=off\nc=enable\nd=false\n').items as Global[];
    expect(g.map((x) => (x.value as { value: number }).value)).toEqual([1, 0, 1, 0]);
  });
  it('NULL and null', () => {
    expect(body('$var(x) = NULL;')[0]).toMatchObject({ value: { type: 'Null', raw: 'NULL' } });
    expect(body('$var(x) = null;')[0]).toMatchObject({ value: { type: 'Null', raw: 'null' } });
  });
});

describe('comments and blanks', () => {
  it('# to end of line, nested /* */, backslash-newline between tokens', () => {
    const s = parseScript('# c\n/* a /* b */ c */ log_level=3 # end\nroute { exit \\\n; }');
    expect(stripLocs(s.items).map((i) => i.type)).toEqual(['Global', 'Route']);
  });
  it('a file may end inside a # comment', () => {
    expect(parseScript('log_level=3 # no newline').items).toHaveLength(1);
  });
});
