// Meta-tests over every built-in module (STYLE.md section 9): the folder name is the module
// name, and every parameter, function and MI command is documented.
import { describe, it, expect } from 'vitest';
import { loadBuiltinModules } from '../../scripts/docs/builtin-modules.js';

describe('built-in modules', async () => {
  const modules = await loadBuiltinModules();

  it('are found', () => {
    expect(modules.map((m) => m.folder)).toEqual(expect.arrayContaining(['httpd', 'mi_http', 'sl', 'signaling', 'maxfwd', 'sipmsgops', 'proto_udp', 'proto_tcp']));
  });

  for (const { folder, def } of modules) {
    it(`${folder}: name equals the folder name`, () => expect(def.name).toBe(folder));
    it(`${folder}: everything is documented`, () => {
      const missing: string[] = [];
      if (!def.doc?.trim()) missing.push('module doc');
      for (const [n, p] of Object.entries(def.params ?? {})) if (!p.doc?.trim()) missing.push(`param ${n}`);
      for (const [n, f] of Object.entries(def.functions ?? {})) if (!f.doc?.trim()) missing.push(`function ${n}`);
      for (const [n, c] of Object.entries(def.mi ?? {})) if (!c.doc?.trim()) missing.push(`MI command ${n}`);
      for (const [n, s] of Object.entries(def.stats ?? {})) if (!s.doc?.trim()) missing.push(`statistic ${n}`);
      for (const [n, v] of Object.entries(def.pvars ?? {})) if (!v.doc?.trim()) missing.push(`pvar ${n}`);
      expect(missing).toEqual([]);
    });
  }
});
