// include_file / import_file: relative paths, file names in locs, import once, cycles,
// missing files, includes inside route blocks.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScriptFile } from '../../../engine/config/index.js';
import type { Route } from '../../../engine/script/ast.js';

let dir = '';
function files(map: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'tsips-include-'));
  for (const [name, text] of Object.entries(map)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return join(dir, 'main.cfg');
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const codes = (l: ReturnType<typeof loadScriptFile>) => l.diagnostics.map((d) => [d.code, d.loc.line, d.loc.col]);

describe('include_file', () => {
  it('splices the file after the directive; its nodes carry its own name', () => {
    const load = loadScriptFile(files({
      'main.cfg': 'log_level=3\ninclude_file "sub/routes.cfg"\nroute { exit; }\n',
      'sub/routes.cfg': 'route[a] {\n\tinclude_file "body.cfg"\n}\n',
      'sub/body.cfg': 'xlog("in body");\n',
    }));
    expect(load.diagnostics).toEqual([]);
    expect(load.script.items.map((i) => i.type)).toEqual(['Global', 'Include', 'Route', 'Route']);
    expect(load.script.items[1]).toMatchObject({ resolved: join(dir, 'sub/routes.cfg'), expanded: 1 });
    const a = load.script.items[2] as Route;
    expect(a.loc.file).toBe(join(dir, 'sub/routes.cfg'));
    expect(a.body.map((s) => s.type)).toEqual(['Include', 'Call']); // relative to sub/, the including file
    expect(a.body[1].loc).toMatchObject({ file: join(dir, 'sub/body.cfg'), line: 1, col: 1 });
    expect([...load.sources.keys()].sort()).toEqual([join(dir, 'main.cfg'), join(dir, 'sub/body.cfg'), join(dir, 'sub/routes.cfg')]);
  });
  it('include_file includes again; import_file only once', () => {
    const load = loadScriptFile(files({
      'main.cfg': 'include_file "g.cfg"\ninclude_file "g.cfg"\nimport_file "h.cfg"\nimport_file "h.cfg"\nimport_file "g.cfg"\n',
      'g.cfg': 'log_level=1\n', 'h.cfg': 'log_level=2\n',
    }));
    expect(load.diagnostics).toEqual([]);
    expect(load.script.items.map((i) => (i.type === 'Include' ? `${i.keyword}:${i.expanded}` : i.type)))
      .toEqual(['include_file:1', 'Global', 'include_file:1', 'Global', 'import_file:1', 'Global', 'import_file:0', 'import_file:0']);
  });
  it('a cycle is an error at the include line', () => {
    const load = loadScriptFile(files({ 'main.cfg': 'include_file "a.cfg"\n', 'a.cfg': '\ninclude_file "main.cfg"\n' }));
    expect(codes(load)).toEqual([['TSIPS_INCLUDE_CYCLE', 2, 1]]);
    expect(load.diagnostics[0].message).toBe(`include cycle: ${join(dir, 'main.cfg')} -> ${join(dir, 'a.cfg')} -> ${join(dir, 'main.cfg')}`);
    expect(load.diagnostics[0].loc.file).toBe(join(dir, 'a.cfg'));
  });
  it('a missing file is an error at the path', () => {
    const load = loadScriptFile(files({ 'main.cfg': 'log_level=3\n  include_file "nope.cfg"\n' }));
    expect(codes(load)).toEqual([['TSIPS_INCLUDE_MISSING', 2, 16]]);
    expect(load.diagnostics[0].message).toBe("cannot open included file 'nope.cfg'");
  });
  it('syntax errors inside an included file are located in it', () => {
    const load = loadScriptFile(files({ 'main.cfg': 'route {\n\tinclude_file "b.cfg"\n}\n', 'b.cfg': 'exit;\nt_relay;\n' }));
    expect(load.diagnostics.map((d) => [d.loc.file, d.loc.line, d.code])).toEqual([[join(dir, 'b.cfg'), 2, 'TSIPS_SYNTAX_BARE_WORD']]);
  });
});
