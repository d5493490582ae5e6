import { describe, it, expect } from 'vitest';
import { findTransform } from '../../../../engine/script/transforms/index.js';
import { str, int, printed, type MaybeValue } from '../../../../engine/script/value.js';

const apply = (name: string, v: MaybeValue, ...args: (string | number)[]) => findTransform(name)!.apply(v, args);
const s = (name: string, input: string, ...args: (string | number)[]) => {
  const r = apply(name, str(input), ...args);
  return r === null ? null : r.s;
};

describe('s.* transformations', () => {
  it('s.len counts characters and gives an integer', () => {
    expect(apply('s.len', str('alice'))).toEqual(int(5));
    expect(apply('s.len', int(1234))).toEqual(int(4)); // integer read through its string form
  });

  it('s.int keeps the original text as string form but compares as the leading integer', () => {
    const v = apply('s.int', str('123abc'))!;
    expect(v.i).toBe(123);
    expect(v.intFirst).toBe(true);
    expect(printed(v)).toBe('123abc');
    expect(apply('s.int', str('abc'))!.i).toBe(0);
    expect(apply('s.int', str('-42'))!.i).toBe(-42);
  });

  it('s.substr follows OpenSIPS offsets and lengths', () => {
    expect(s('s.substr', 'abcdefgh', 2, 3)).toBe('cde');
    expect(s('s.substr', 'abcdefgh', 2, 0)).toBe('cdefgh'); // 0 = to the end
    expect(s('s.substr', 'abcdefgh', -3, 0)).toBe('fgh'); // negative offset from the end
    expect(s('s.substr', 'abcdefgh', 1, -2)).toBe('bcdef'); // stop 2 before the end
    expect(s('s.substr', 'abcdefgh', 6, 10)).toBe('gh'); // length clipped
    expect(s('s.substr', 'abc', 5, 1)).toBeNull(); // offset beyond the end fails
  });

  it('s.select picks a field by one separator character, blanks included', () => {
    expect(s('s.select', 'a,b,c', 1, ',')).toBe('b');
    expect(s('s.select', 'a,b,c', -1, ',')).toBe('c');
    expect(s('s.select', 'sip alice x', 0, ' ')).toBe('sip');
    expect(s('s.select', 'a,b', 5, ',')).toBeNull();
  });

  it('case mapping, trimming, index', () => {
    expect(s('S.ToUpper', 'Alice')).toBe('ALICE'); // class and name are case-insensitive
    expect(s('s.tolower', 'ALICE')).toBe('alice');
    expect(s('s.trim', '  x y \t')).toBe('x y');
    expect(apply('s.index', str('hello world'), 'o')).toEqual(int(4));
    expect(apply('s.rindex', str('hello world'), 'o')).toEqual(int(7));
    expect(apply('s.index', str('hello'), 'z')).toEqual(int(-1));
  });

  it('encodings round-trip and a broken one reads NULL', () => {
    expect(s('s.decode.hexa', s('s.encode.hexa', 'ab€')!)).toBe('ab€');
    expect(s('s.b64decode', s('s.b64encode', 'user:pw')!)).toBe('user:pw');
    expect(s('s.unescape.user', s('s.escape.user', 'a b@c')!)).toBe('a b@c');
    expect(s('s.escape.user', 'a b@c')).toBe('a%20b%40c');
    expect(s('s.unescape.user', '%zz')).toBeNull();
    expect(s('s.decode.hexa', 'xyz')).toBeNull();
    expect(s('s.md5', 'abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });

  it('passes NULL through', () => {
    for (const name of ['s.len', 's.int', 's.tolower', 's.trim']) expect(apply(name, null)).toBeNull();
    expect(apply('s.substr', null, 0, 1)).toBeNull();
  });
});

describe('param.* and csv.* transformations', () => {
  it('reads a parameter list', () => {
    expect(s('param.value', 'transport=tcp;lr;x="a;b"', 'x')).toBe('"a;b"');
    expect(s('param.value', ';transport=tcp;lr', 'TRANSPORT')).toBe('tcp');
    expect(s('param.value', 'transport=tcp;lr', 'lr')).toBe('');
    expect(s('param.value', 'transport=tcp', 'ttl')).toBeNull();
    expect(apply('param.count', str('a=1;b=2;c'))).toEqual(int(3));
    expect(apply('param.exist', str('a=1;b'), 'b')).toEqual(int(1));
    expect(s('param.name', 'a=1;b=2', -1)).toBe('b');
    expect(s('param.valueat', 'a=1;b=2', 0)).toBe('1');
  });

  it('reads a comma-separated list', () => {
    expect(apply('csv.count', str('a, "b,c" ,d'))).toEqual(int(3));
    expect(s('csv.value', 'a, "b,c" ,d', 1)).toBe('"b,c"');
    expect(s('csv.value', 'a,b', 2)).toBeNull();
  });
});
