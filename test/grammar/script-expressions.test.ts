// Conditions and values with OpenSIPS's precedence and associativity (reference 1.8, 6.1).
import { describe, expect, it } from 'vitest';
import { cond, shape, value } from './helpers.js';

describe('conditions', () => {
  it('&& and || share one level, left to right (quirk 1)', () => {
    expect(shape(cond('$var(a) || $var(b) && $var(c)'))).toBe('(($var(a) || $var(b)) && $var(c))');
    expect(shape(cond('$var(a) && $var(b) || $var(c)'))).toBe('(($var(a) && $var(b)) || $var(c))');
  });
  it('and/or/not are spellings of && || !', () => {
    expect(shape(cond('not $var(a) and $var(b) or $var(c)'))).toBe('((!$var(a) && $var(b)) || $var(c))');
  });
  it('! binds tighter than && and ||', () => {
    expect(shape(cond('!$var(a) && $var(b)'))).toBe('(!$var(a) && $var(b))');
    expect(shape(cond('!($var(a) && $var(b))'))).toBe('!($var(a) && $var(b))');
    expect(shape(cond('!!is_method("A")'))).toBe('!!is_method()');
  });
  it('parentheses group', () => {
    expect(shape(cond('$var(a) || ($var(b) && $var(c))'))).toBe('($var(a) || ($var(b) && $var(c)))');
  });
  it('every comparison operator, with a pseudo-variable on the left', () => {
    for (const op of ['==', '!=', '=~', '!~', '<', '>', '<=', '>=']) {
      expect(shape(cond(`$var(a) ${op} 1`))).toBe(`($var(a) ${op} 1)`);
    }
    expect(shape(cond('$ml >=  2048'))).toBe('($ml >= 2048)');
    expect(shape(cond('$au!=$fU'))).toBe('($au != $fU)');
  });
  it('right sides: string, number, NULL, variable, IP and network', () => {
    expect(cond('$rU==NULL')).toMatchObject({ type: 'Compare', right: { type: 'Null', raw: 'NULL' } });
    expect(cond('$si == 10.0.0.0/8')).toMatchObject({ right: { type: 'Ip', address: '10.0.0.0', family: 4, mask: '8' } });
    expect(cond('$si != 192.168.1.1')).toMatchObject({ right: { type: 'Ip', address: '192.168.1.1', mask: null } });
    expect(cond('$si == ::1')).toMatchObject({ right: { type: 'Ip', address: '::1', family: 6 } });
    expect(cond('$si == 2001:db8::/32')).toMatchObject({ right: { type: 'Ip', address: '2001:db8::', mask: '32' } });
    expect(cond("$rU =~ '^[0-9]+$'")).toMatchObject({ op: '=~', right: { type: 'String', quote: "'", value: '^[0-9]+$' } });
    expect(cond('$var(n) > -5')).toMatchObject({ right: { type: 'Number', value: -5 } });
  });
  it('calls, route() and numbers are conditions', () => {
    expect(cond('is_method("INVITE") && t_check_trans()')).toMatchObject({ type: 'Logical', left: { type: 'Call', name: 'is_method' } });
    expect(cond('route(check)')).toMatchObject({ type: 'RouteCall', target: { value: 'check' } });
    expect(cond('1')).toMatchObject({ type: 'Number', value: 1 });
    expect(cond('$hdr(P-Associated-URI)')).toMatchObject({ type: 'PVar', name: 'hdr', inner: { value: 'P-Associated-URI' } });
  });
  it('[ value ] tests a computed value', () => {
    expect(shape(cond('[$var(a) + 1] && $var(b)'))).toBe('([($var(a) + 1)] && $var(b))');
  });
});

describe('values', () => {
  it('+ - * / % share one level, left to right: 1 + 2 * 3 is (1 + 2) * 3', () => {
    expect(shape(value('1 + 2 * 3'))).toBe('((1 + 2) * 3)');
    expect(shape(value('10 - 2 - 3'))).toBe('((10 - 2) - 3)');
  });
  it('bitwise operators are one lower level: 2 ^ 2 + 2 is 2 ^ (2 + 2)', () => {
    expect(shape(value('2 ^ 2 + 2'))).toBe('(2 ^ (2 + 2))');
    expect(shape(value('1 | 2 & 3 << 1'))).toBe('(((1 | 2) & 3) << 1)');
    expect(shape(value('$var(a) + 1 | 4 * 2'))).toBe('(($var(a) + 1) | (4 * 2))');
  });
  it('~ is a prefix, parentheses group', () => {
    expect(shape(value('~$var(a) + 1'))).toBe('(~$var(a) + 1)');
    expect(shape(value('2 * (3 + 4)'))).toBe('(2 * (3 + 4))');
  });
  it('string concatenation and comparisons as values', () => {
    expect(shape(value('"<" + $var(x) + ">"'))).toBe('(("<" + $var(x)) + ">")');
    expect(shape(value('$var(a) == 1'))).toBe('($var(a) == 1)');
  });
  it('a call gives its return code', () => {
    expect(value('is_method("INVITE")')).toMatchObject({ type: 'Call', name: 'is_method' });
  });
});
