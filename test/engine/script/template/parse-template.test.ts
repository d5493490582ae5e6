// The formatted-string parser: variables found in string contents with their locations,
// $$ as a literal dollar, the '.'-in-a-short-name quirk, long forms with index and
// transformations, nested variables.
import { describe, it, expect } from 'vitest';
import { parseTemplate } from '../../../../engine/script/template/parse-template.js';
import { corePvars } from '../../../../engine/script/index.js';

const at = { file: 'm.cfg', line: 3, col: 7 };
const parse = (s: string) => parseTemplate(s, at, (n) => corePvars.get(n)?.inner);
const shape = (s: string) => parse(s).parts.map((p) => (typeof p === 'string' ? p : `{${p.name}${p.inner ? '(' + (p.inner.type === 'PVar' ? '$' + p.inner.name : p.inner.value) + ')' : ''}${p.index ? '[' + (typeof p.index.value === 'object' ? '$' : p.index.value) + ']' : ''}${p.transforms.map((t) => '|' + t.name + ':' + t.args.length).join('')}}`));

describe('parseTemplate', () => {
  it('splits text and short variables, keeps $$ as one dollar', () => {
    expect(shape('Hello $fU from $si, 100$$')).toEqual(['Hello ', '{fU}', ' from ', '{si}', ', 100$']);
  });
  it("'.' belongs to a short name (quirk 16)", () => {
    expect(shape('got $rm.')).toEqual(['got ', '{rm.}']);
    expect(shape('got $(rm).')).toEqual(['got ', '{rm}', '.']);
  });
  it('reads inner names only for classes that take one', () => {
    expect(shape('$var(x) $hdr($var(h)) $ru(x)')).toEqual(['{var(x)}', ' ', '{hdr($var)}', ' ', '{ru}', '(x)']);
  });
  it('reads long forms with index and transformations', () => {
    expect(shape('$(avp(a)[*]) $(hdr(Via)[-1]{s.len}) $(ru{uri.param,transport}{s.toupper}) $(avp(a)[$var(i)])'))
      .toEqual(['{avp(a)[*]}', ' ', '{hdr(Via)[-1]|s.len:0}', ' ', '{ru|uri.param:1|s.toupper:0}', ' ', '{avp(a)[$]}']);
  });
  it('locates variables after the opening quote of the literal', () => {
    const v = parse('ab $fU').parts[1];
    expect(typeof v !== 'string' && [v.nameLoc.line, v.nameLoc.col, v.loc.col]).toEqual([3, 12, 11]);
    const w = parse('x\n  $ci').parts[1];
    expect(typeof w !== 'string' && [w.nameLoc.line, w.nameLoc.col]).toEqual([4, 4]);
  });
  it('reports an unclosed long form', () => {
    expect(parse('$(ru{uri.user}').problems.map((p) => p.message)).toEqual(["unclosed variable $(ru: ')' expected"]);
  });
  it('a plain dollar with no name stays text', () => {
    expect(shape('costs $ 5')).toEqual(['costs $ 5']);
  });
});
