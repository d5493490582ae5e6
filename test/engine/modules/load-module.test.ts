import { describe, it, expect, afterEach } from 'vitest';
import { join } from 'node:path';
import { Diagnostics } from '../../../engine/script/diagnostics.js';
import { loadModule, resolveModule, moduleNameOf, builtinModulesDir, type LoadedModule } from '../../../engine/modules/index.js';
import { tempTree, jsModule, loc } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });
const tree = (files: Record<string, string>) => { const t = tempTree(files); cleanups.push(t.cleanup); return t.dir; };

describe('resolveModule', () => {
  it('strips .so and takes the last path part as the name', () => {
    expect(moduleNameOf('usrloc.so')).toBe('usrloc');
    expect(moduleNameOf('usrloc')).toBe('usrloc');
    expect(moduleNameOf('sub/dir/usrloc.so')).toBe('usrloc');
  });

  it('finds a folder module, a file module, and a path relative to mpath', () => {
    const dir = tree({ 'a/index.js': jsModule('a'), 'b.js': jsModule('b'), 'sub/c/index.js': jsModule('c') });
    expect(resolveModule('a.so', [dir], '/nonexistent')).toEqual({ name: 'a', file: join(dir, 'a/index.js'), builtin: false });
    expect(resolveModule('b.so', [dir], '/nonexistent')?.file).toBe(join(dir, 'b.js'));
    expect(resolveModule('sub/c.so', [dir], '/nonexistent')?.file).toBe(join(dir, 'sub/c/index.js'));
  });

  it('searches mpath folders in order, skips missing ones, then the built-ins', () => {
    const one = tree({ 'x/index.js': jsModule('x') });
    const two = tree({ 'x/index.js': jsModule('x'), 'y/index.js': jsModule('y') });
    expect(resolveModule('x.so', ['/usr/lib/x86_64-linux-gnu/opensips/modules/', one, two], '/nonexistent')?.file).toBe(join(one, 'x/index.js'));
    expect(resolveModule('y.so', [one, two], '/nonexistent')?.file).toBe(join(two, 'y/index.js'));
    const httpd = resolveModule('httpd.so', [one], builtinModulesDir());
    expect(httpd).toMatchObject({ name: 'httpd', builtin: true });
    expect(httpd!.file).toMatch(/modules[/\\]httpd[/\\]index\.(ts|js)$/);
  });

  it('falls back to the built-in for an OpenSIPS absolute path that does not exist', () => {
    expect(resolveModule('/usr/lib/x86_64-linux-gnu/opensips/modules/httpd.so', [], builtinModulesDir())?.builtin).toBe(true);
  });

  it('does not take an OpenSIPS .so file for a module', () => {
    const dir = tree({ 'usrloc.so': 'ELF' });
    expect(resolveModule('usrloc.so', [dir], '/nonexistent')).toBeUndefined();
  });
});

describe('loadModule', () => {
  const load = async (spec: string, mpaths: string[], loaded: LoadedModule[] = []) => {
    const out = new Diagnostics();
    const m = await loadModule({ spec, loc: loc(3), mpaths }, builtinModulesDir(), loaded, out);
    return { m, codes: out.list.map((d) => d.code), out };
  };

  it('loads a built-in module', async () => {
    const { m, codes } = await load('httpd.so', []);
    expect(codes).toEqual([]);
    expect(m).toMatchObject({ name: 'httpd', builtin: true, loc: loc(3) });
  });

  it('lets a user module in mpath override a built-in of the same name', async () => {
    const dir = tree({ 'httpd/index.js': jsModule('httpd') });
    const { m } = await load('httpd.so', [dir]);
    expect(m).toMatchObject({ builtin: false, file: join(dir, 'httpd/index.js') });
    expect(Object.keys(m!.def.params!)).toEqual(['p']);
  });

  it('reports an unknown module at the loadmodule line', async () => {
    const { m, out } = await load('nosuch.so', ['/usr/lib/opensips/modules/']);
    expect(m).toBeUndefined();
    expect(out.list[0]).toMatchObject({ code: 'TSIPS_MODULE_NOT_FOUND', severity: 'error', loc: loc(3) });
    expect(out.list[0]!.message).toContain("unknown module 'nosuch'");
  });

  it('refuses a default export that is not a module definition', async () => {
    const dir = tree({
      'nodefault/index.js': 'export const x = 1;\n',
      'badparam/index.js': "export default { name: 'badparam', params: { p: { kind: 'float', doc: 'x' } } };\n",
      'badfn/index.js': "export default { name: 'badfn', functions: { f: { args: [], routes: ['nowhere'], run() { return 1; }, doc: 'f' } } };\n",
      'throws/index.js': "throw new Error('boom');\n",
    });
    for (const name of ['nodefault', 'badparam', 'badfn', 'throws']) {
      const { m, codes } = await load(`${name}.so`, [dir]);
      expect(m, name).toBeUndefined();
      expect(codes, name).toEqual(['TSIPS_MODULE_INVALID']);
    }
  });

  it('refuses a module whose name differs from its folder', async () => {
    const dir = tree({ 'foo/index.js': jsModule('bar') });
    const { m, codes } = await load('foo.so', [dir]);
    expect(m).toBeUndefined();
    expect(codes).toEqual(['TSIPS_MODULE_NAME_MISMATCH']);
  });

  it('refuses to load the same module twice', async () => {
    const first = await load('httpd.so', []);
    const second = await load('httpd.so', [], [first.m!]);
    expect(second.codes).toEqual(['TSIPS_MODULE_DUPLICATE']);
  });
});
