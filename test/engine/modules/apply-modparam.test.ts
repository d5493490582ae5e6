import { describe, it, expect } from 'vitest';
import { Diagnostics } from '../../../engine/script/diagnostics.js';
import { applyModparam, resolveParams, defineModule, param, type LoadedModule, type AnyModule } from '../../../engine/modules/index.js';
import { loc } from './helpers.js';

const mod = (def: AnyModule): LoadedModule => ({ name: def.name, def, file: `${def.name}.js`, builtin: true, loc: loc(1), settings: new Map() });

const usrloc = () => mod(defineModule({
  name: 'usrloc',
  params: {
    use_domain: param.int({ default: 0, oneOf: [0, 1], doc: 'd' }),
    hash_size: param.int({ default: 9, min: 1, max: 16, doc: 'h' }),
    db_url: param.str({ doc: 'u' }),
    nat_bflag: param.intOrStr({ doc: 'either' }),
  },
}));
const authDb = () => mod(defineModule({ name: 'auth_db', params: { use_domain: param.int({ default: 0, doc: 'd' }) } }));
const tm = () => mod(defineModule({
  name: 'tm',
  params: {
    fr_timeout: param.int({ default: 5, doc: 'f' }),
    tw_append: param.str({ multi: true, doc: 'repeatable' }),
    must: param.str({ required: true, doc: 'required' }),
  },
}));

function run(mods: LoadedModule[], m: string, p: string, v: string | number) {
  const out = new Diagnostics();
  applyModparam(mods, m, p, v, loc(7), out);
  return out.list.map((d) => ({ code: d.code, severity: d.severity, hint: d.hint }));
}

describe('applyModparam', () => {
  it('sets a typed value; the last one wins with a warning', () => {
    const u = usrloc();
    expect(run([u], 'usrloc', 'use_domain', 1)).toEqual([]);
    expect(run([u], 'usrloc', 'use_domain', 0)).toMatchObject([{ code: 'TSIPS_MODPARAM_REPEATED', severity: 'warning' }]);
    expect(resolveParams(u, new Diagnostics())).toMatchObject({ use_domain: 0, hash_size: 9, db_url: undefined });
  });

  it('treats the module name as a case-insensitive anchored regex', () => {
    const [u, a, t] = [usrloc(), authDb(), tm()];
    expect(run([u, a, t], 'auth_db|usrloc', 'use_domain', 1)).toEqual([]);
    expect(u.settings.get('use_domain')?.[0]?.value).toBe(1);
    expect(a.settings.get('use_domain')?.[0]?.value).toBe(1);
    expect(run([u, a, t], 'T.*', 'fr_timeout', 3)).toEqual([]);
    // ^(usr)$ does not match usrloc: the pattern is anchored.
    expect(run([u], 'usr', 'use_domain', 1)).toMatchObject([{ code: 'TSIPS_MODPARAM_NO_MODULE' }]);
  });

  it('needs every matching module to have the parameter, and sets none otherwise', () => {
    const [u, t] = [usrloc(), tm()];
    expect(run([u, t], 'usrloc|tm', 'use_domain', 1)).toMatchObject([{ code: 'TSIPS_MODPARAM_UNKNOWN' }]);
    expect(u.settings.size).toBe(0);
  });

  it('reports an unknown parameter with a suggestion, and a bad regex', () => {
    expect(run([usrloc()], 'usrloc', 'use_domian', 1)).toMatchObject([{ code: 'TSIPS_MODPARAM_UNKNOWN', hint: "did you mean 'use_domain'?" }]);
    expect(run([usrloc()], 'usrloc(', 'use_domain', 1)).toMatchObject([{ code: 'TSIPS_MODPARAM_BAD_MODULE_REGEX' }]);
  });

  it('does not convert between strings and integers (OpenSIPS "type mismatch")', () => {
    expect(run([tm()], 'tm', 'fr_timeout', '5')).toMatchObject([{ code: 'TSIPS_MODPARAM_TYPE', severity: 'error', hint: 'write 5 without quotes' }]);
    expect(run([usrloc()], 'usrloc', 'db_url', 5)).toMatchObject([{ code: 'TSIPS_MODPARAM_TYPE', hint: 'write "5" in quotes' }]);
    expect(run([usrloc()], 'usrloc', 'nat_bflag', 'NAT')).toEqual([]);
    expect(run([usrloc()], 'usrloc', 'nat_bflag', 3)).toEqual([]);
  });

  it('checks allowed values and ranges', () => {
    expect(run([usrloc()], 'usrloc', 'use_domain', 2)).toMatchObject([{ code: 'TSIPS_MODPARAM_VALUE', hint: 'allowed: 0, 1' }]);
    expect(run([usrloc()], 'usrloc', 'hash_size', 17)).toMatchObject([{ code: 'TSIPS_MODPARAM_VALUE', hint: 'must be between 1 and 16' }]);
  });

  it('collects every value of a repeatable parameter, and reports a missing required one', () => {
    const t = tm();
    expect(run([t], 'tm', 'tw_append', 'a')).toEqual([]);
    expect(run([t], 'tm', 'tw_append', 'b')).toEqual([]);
    const out = new Diagnostics();
    expect(resolveParams(t, out)).toMatchObject({ tw_append: ['a', 'b'], fr_timeout: 5 });
    expect(out.list).toMatchObject([{ code: 'TSIPS_MODPARAM_REQUIRED', loc: loc(1) }]);
  });
});
