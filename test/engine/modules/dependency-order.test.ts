import { describe, it, expect } from 'vitest';
import { Diagnostics } from '../../../engine/script/diagnostics.js';
import { dependencyOrder, effectiveDeps, type DepKind } from '../../../engine/modules/index.js';
import { loc } from './helpers.js';

const node = (name: string, deps: Record<string, DepKind> = {}, line = 1) => ({ name, deps, loc: loc(line) });
const order = (nodes: ReturnType<typeof node>[]) => {
  const out = new Diagnostics();
  const r = dependencyOrder(nodes, out);
  return { names: r?.map((n) => n.name), diags: out.list };
};

describe('dependencyOrder', () => {
  it('puts each module after its dependencies and otherwise keeps load order', () => {
    const r = order([node('registrar', { usrloc: 'abort', signaling: 'abort', tm: 'optional' }), node('maxfwd'),
      node('signaling', { sl: 'abort', tm: 'abort' }), node('tm'), node('sl'), node('usrloc')]);
    expect(r.diags).toEqual([]);
    expect(r.names).toEqual(['usrloc', 'sl', 'tm', 'signaling', 'registrar', 'maxfwd']);
  });

  it('reports a missing abort dependency as an error, warn as a warning, optional silently', () => {
    const r = order([node('mi_http', { httpd: 'abort' }, 4), node('pua', { clusterer: 'warn', tm: 'optional' }, 5)]);
    expect(r.names).toBeUndefined();
    expect(r.diags).toMatchObject([
      { code: 'TSIPS_MODULE_DEPENDENCY_MISSING', severity: 'error', loc: loc(4), message: 'module mi_http depends on httpd, but it was not loaded!' },
      { code: 'TSIPS_MODULE_DEPENDENCY_MISSING', severity: 'warning', loc: loc(5) },
    ]);
    expect(order([node('pua', { clusterer: 'warn' })]).names).toEqual(['pua']);
  });

  it('reports a cycle and prints it', () => {
    const r = order([node('a', { b: 'abort' }), node('b', { c: 'optional' }), node('c', { a: 'warn' })]);
    expect(r.names).toBeUndefined();
    expect(r.diags).toHaveLength(1);
    expect(r.diags[0]).toMatchObject({ code: 'TSIPS_MODULE_DEPENDENCY_CYCLE' });
    expect(r.diags[0]!.message).toContain('a -> b -> c -> a');
  });
});

describe('effectiveDeps', () => {
  it('keeps a parameter-driven dependency only when its condition holds', () => {
    const deps = {
      tm: 'abort',
      db_postgres: { kind: 'abort', when: { param: 'db_mode', notIn: [0] } },
      clusterer: { kind: 'abort', when: { param: 'cluster_id' } },
      presence: { kind: 'warn', when: { param: 'mode', in: ['server'] } },
    } as const;
    expect(effectiveDeps(deps, { db_mode: 0, cluster_id: 0, mode: 'client' })).toEqual({ tm: 'abort' });
    expect(effectiveDeps(deps, { db_mode: 2, cluster_id: 1, mode: 'server' }))
      .toEqual({ tm: 'abort', db_postgres: 'abort', clusterer: 'abort', presence: 'warn' });
  });
});
