// Every pseudo-variable form of reference 7.1, and the transformation parameters of section 8.
import { describe, expect, it } from 'vitest';
import type { PVar } from '../../engine/script/ast.js';
import { stripLocs, value } from './helpers.js';

const pv = (text: string): PVar => stripLocs(value(text)) as PVar;

describe('pseudo-variables', () => {
  it('short names, with dots and underscores', () => {
    expect(pv('$ru')).toMatchObject({ name: 'ru', inner: null, long: false });
    expect(pv('$T_reply_code')).toMatchObject({ name: 'T_reply_code' });
    expect(pv('$ruri.user')).toMatchObject({ name: 'ruri.user' });
  });
  it('names containing and/or/not are read whole (quirk 20)', () => {
    expect(pv('$challenge.algorithm')).toMatchObject({ name: 'challenge.algorithm' });
    expect(pv('$notify_or_and')).toMatchObject({ name: 'notify_or_and' });
  });
  it('inner names: text or a variable', () => {
    expect(pv('$var(x)')).toMatchObject({ name: 'var', inner: { type: 'PVarText', value: 'x' } });
    expect(pv('$hdr(Via)')).toMatchObject({ name: 'hdr', inner: { value: 'Via' } });
    expect(pv('$time(%Y-%m-%d %H:%M)')).toMatchObject({ name: 'time', inner: { value: '%Y-%m-%d %H:%M' } });
    expect(pv('$avp($var(n))')).toMatchObject({ name: 'avp', inner: { type: 'PVar', name: 'var', inner: { value: 'n' } } });
  });
  it('long form with indexes', () => {
    expect(pv('$(avp(x)[*])')).toMatchObject({ name: 'avp', long: true, index: { value: '*' } });
    expect(pv('$(hdr(Via)[-1])')).toMatchObject({ name: 'hdr', index: { value: -1 } });
    expect(pv('$(avp(x)[2])')).toMatchObject({ index: { value: 2 } });
    expect(pv('$(avp(x)[$var(i)])')).toMatchObject({ index: { value: { type: 'PVar', name: 'var' } } });
    expect(pv('$(avp(x)[append])')).toMatchObject({ index: { value: 'append' } });
    expect(pv('$(ru)')).toMatchObject({ name: 'ru', long: true, index: null, transforms: [] });
  });
  it('transformations, chained, with parameters', () => {
    expect(pv('$(ru{uri.user})').transforms).toEqual([{ type: 'Transform', name: 'uri.user', args: [] }]);
    const p = pv('$(hdr(X)[1]{s.len})');
    expect(p).toMatchObject({ name: 'hdr', index: { value: 1 }, transforms: [{ name: 's.len' }] });
    expect(pv('$(ci{s.substr,0,5}{s.toupper})').transforms.map((t) => [t.name, t.args.map((a) => a.type === 'PVarText' ? a.value : '$')]))
      .toEqual([['s.substr', ['0', '5']], ['s.toupper', []]]);
    expect(pv('$(hdr(Identity)[0]{param.value,info})').transforms[0].args).toEqual([{ type: 'PVarText', value: 'info' }]);
    expect(pv('$(hdr(Diversion)[$var(i)]{param.value,counter}{s.int})').transforms.map((t) => t.name)).toEqual(['param.value', 's.int']);
  });
  it('blanks between transformations; s.select keeps a space separator', () => {
    expect(pv('$(ci{s.len} {s.int})').transforms.map((t) => t.name)).toEqual(['s.len', 's.int']);
    expect(pv('$(hdr(RAck){s.select,0, })').transforms[0].args).toEqual([{ type: 'PVarText', value: '0' }, { type: 'PVarText', value: ' ' }]);
  });
  it('a variable as a transformation parameter, escaped , and }', () => {
    expect(pv('$(var(s){s.substr,$var(i),1})').transforms[0].args[0]).toMatchObject({ type: 'PVar', name: 'var' });
    expect(pv('$(var(s){s.select,1,\\,})').transforms[0].args[1]).toEqual({ type: 'PVarText', value: ',' });
  });
  it('context: $(<request>ru)', () => {
    expect(pv('$(<request>ru)')).toMatchObject({ context: 'request', name: 'ru' });
  });
  it('nameLoc points at the name, loc at the whole token', () => {
    const p = value('$(hdr(Via)[-1])') as PVar;
    expect(p.nameLoc).toMatchObject({ line: 2, col: 13, endCol: 16 });
    expect(p.loc).toMatchObject({ line: 2, col: 11, endCol: 26 });
  });
});
