// Every statement of reference section 5, and every route type of section 4.
import { describe, expect, it } from 'vitest';
import type { Route } from '../../engine/script/ast.js';
import { body, parseScript, stripLocs } from './helpers.js';

describe('statements', () => {
  it('if / else if / else, dangling else binds to the nearest if', () => {
    const [s] = body('if ($var(a)) exit; else if ($var(b)) { drop; } else return;');
    expect(stripLocs(s)).toMatchObject({ type: 'If', then: { type: 'Exit' }, else: { type: 'If', then: { type: 'Block' }, else: { type: 'Return' } } });
    const [n] = body('if ($var(a)) if ($var(b)) exit; else drop;');
    expect(n).toMatchObject({ else: null, then: { type: 'If', else: { type: 'Drop' } } });
  });
  it('switch with case labels (negative, string), default and break', () => {
    const [s] = body('switch ($var(rc)) {\ncase -1:\n\txlog("a");\n\tbreak;\ncase "x":\ncase 2:\ndefault:\n\texit;\n}');
    expect(s).toMatchObject({ type: 'Switch', subject: { name: 'var' } });
    if (s.type !== 'Switch') throw new Error();
    expect(s.cases.map((c) => [c.label === null ? null : c.label.value, c.body.map((b) => b.type)]))
      .toEqual([[-1, ['Call', 'Break']], ['x', []], [2, []], [null, ['Exit']]]);
  });
  it('while and for-each', () => {
    expect(body('while ($var(i) < $(hdrcnt(Diversion))) { $var(i) += 1; }')[0]).toMatchObject({ type: 'While', body: { type: 'Block' } });
    expect(body('for ($var(x) in $(avp(y)[*])) xlog("$var(x)");')[0])
      .toMatchObject({ type: 'ForEach', variable: { name: 'var' }, collection: { name: 'avp', index: { value: '*' } }, body: { type: 'Call' } });
  });
  it('every assignment operator, and = NULL', () => {
    for (const op of ['=', ':=', '+=', '-=', '*=', '/=', '%=', '|=', '&=', '^=']) {
      expect(body(`$var(x) ${op} 1;`)[0]).toMatchObject({ type: 'Assign', op, target: { name: 'var' } });
    }
    expect(body('$du = NULL;')[0]).toMatchObject({ op: '=', value: { type: 'Null' } });
    expect(body('$avp(x) := NULL;')[0]).toMatchObject({ op: ':=', value: { type: 'Null' } });
  });
  it('return forms', () => {
    const r = body('return; return(); return 1; return -1; return(0); return $var(x); return(1, $var(a), "b"); return(, 5);');
    expect(stripLocs(r)).toEqual([
      { type: 'Return', code: null, values: [], parens: false },
      { type: 'Return', code: null, values: [], parens: true },
      { type: 'Return', code: { type: 'Number', value: 1, raw: '1' }, values: [], parens: false },
      { type: 'Return', code: { type: 'Number', value: -1, raw: '-1' }, values: [], parens: false },
      { type: 'Return', code: { type: 'Number', value: 0, raw: '0' }, values: [], parens: true },
      expect.objectContaining({ code: expect.objectContaining({ type: 'PVar' }), parens: false }),
      expect.objectContaining({ values: [expect.objectContaining({ type: 'PVar' }), expect.objectContaining({ value: 'b' })] }),
      expect.objectContaining({ code: null, values: [expect.objectContaining({ value: 5 })] }),
    ]);
  });
  it('exit, drop, with and without ()', () => {
    expect(stripLocs(body('exit; exit(); drop; drop();'))).toEqual([
      { type: 'Exit', parens: false }, { type: 'Exit', parens: true }, { type: 'Drop', parens: false }, { type: 'Drop', parens: true }]);
  });
  it('route(name, args...) with every target form', () => {
    const r = body('route(relay); route(5); route("my route"); route($var(r)); route(x, "a", -1, NULL, $var(z));');
    expect(r.map((s) => s.type === 'RouteCall' && (s.target.type === 'PVar' ? '$' : `${s.target.form}:${s.target.value}`)))
      .toEqual(['ident:relay', 'number:5', 'string:my route', '$', 'ident:x']);
    expect(r[4]).toMatchObject({ args: [{ value: 'a' }, { value: -1 }, { type: 'Null' }, { type: 'PVar' }] });
  });
  it('function calls with any arguments, including empty slots', () => {
    expect(body('f();')[0]).toMatchObject({ type: 'Call', name: 'f', args: [] });
    expect(stripLocs(body('f(, "x");')[0])).toMatchObject({ args: [null, { value: 'x' }] });
    expect(stripLocs(body('f("a",,"c");')[0])).toMatchObject({ args: [{ value: 'a' }, null, { value: 'c' }] });
    expect(body('check_source_address(1, $avp(trunk_attrs));')[0]).toMatchObject({ args: [{ type: 'Number' }, { type: 'PVar' }] });
  });
  it('async, launch, assert', () => {
    expect(body('async(sleep(2), resume, 5);')[0]).toMatchObject({ type: 'Async', call: { name: 'sleep' }, resume: { value: 'resume' }, timeout: { value: 5 } });
    expect(body('launch(sleep(2), prack_watchdog, "$DLG_did");')[0]).toMatchObject({ type: 'Launch', report: { value: 'prack_watchdog' }, format: { value: '$DLG_did' } });
    expect(body('launch(sleep(2));')[0]).toMatchObject({ type: 'Launch', report: null, format: null });
    expect(body('assert($var(x) == 1, "x is 1");')[0]).toMatchObject({ type: 'Assert', message: { value: 'x is 1' } });
  });
  it('empty statements, nested blocks, include_file', () => {
    expect(body('; {} { exit; };').map((s) => s.type)).toEqual(['Empty', 'Block', 'Block', 'Empty']);
    expect(body('include_file "x.cfg"')[0]).toMatchObject({ type: 'Include', keyword: 'include_file', path: { value: 'x.cfg' } });
  });
  it('nameLoc of a call is under its name', () => {
    expect(body('  sl_send_reply(404, "x");')[0]).toMatchObject({ nameLoc: { line: 2, col: 3, endCol: 16 } });
  });
});

describe('route types', () => {
  const routes = (text: string) => parseScript(text).items as Route[];
  it('every block type, keeping reply_route spelled as written', () => {
    const r = routes(`route { } route[0] { } route[relay] { } route["my route"] { } branch_route[b] { } failure_route[f] { }
onreply_route { } onreply_route[r] { } reply_route[1] { } local_route { } startup_route { } timer_route[t, 60] { }
event_route[E_UL_CONTACT_INSERT] { } event_route[E, sync] { } error_route { }`);
    expect(r.map((x) => [x.kind, x.name?.value ?? null])).toEqual([
      ['route', null], ['route', '0'], ['route', 'relay'], ['route', 'my route'], ['branch_route', 'b'], ['failure_route', 'f'],
      ['onreply_route', null], ['onreply_route', 'r'], ['reply_route', '1'], ['local_route', null], ['startup_route', null],
      ['timer_route', 't'], ['event_route', 'E_UL_CONTACT_INSERT'], ['event_route', 'E'], ['error_route', null]]);
    expect(r[11].interval).toMatchObject({ value: 60 });
    expect(r[13].mode).toBe('sync');
  });
});
