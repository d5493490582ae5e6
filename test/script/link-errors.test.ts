// Link-error fixtures: test/script/link-errors/<case>/script.cfg and expected.txt, the exact
// output of formatDiagnostics after loading and linking against the fixture modules.
// Set TSIPS_UPDATE_FIXTURES=1 to rewrite expected.txt from the current output (then review it).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostics, loadScriptText } from '../../engine/config/index.js';
import { Diagnostics } from '../../engine/script/diagnostics.js';
import { linkScript } from '../../engine/script/index.js';
import type { LoadedModule } from '../../engine/modules/index.js';
import { fixtureModules } from './link-errors/fixture-modules.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'link-errors');
const cases = readdirSync(root).filter((c) => existsSync(join(root, c, 'script.cfg'))).sort();
const modules: LoadedModule[] = fixtureModules.map((def) => ({
  name: def.name, def, file: `${def.name}/index.ts`, builtin: false, loc: { file: 'script.cfg', line: 1, col: 1 }, settings: new Map(),
}));

describe('link error fixtures', () => {
  it('has at least 15 cases', () => expect(cases.length).toBeGreaterThanOrEqual(15));
  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      const load = loadScriptText(readFileSync(join(dir, 'script.cfg'), 'utf8'), 'script.cfg', dir);
      expect(load.diagnostics).toEqual([]); // the fixtures are about linking, not syntax
      const out = new Diagnostics();
      const linked = linkScript(load.script, modules, out);
      const printed = formatDiagnostics(out.list, load.sources);
      const expectedFile = join(dir, 'expected.txt');
      if (process.env.TSIPS_UPDATE_FIXTURES) writeFileSync(expectedFile, printed);
      expect(printed).toBe(readFileSync(expectedFile, 'utf8'));
      // A warning-only case links; any error refuses the script.
      expect(linked === undefined).toBe(out.errorCount > 0);
    });
  }
});

it('the three-errors fixture yields exactly three located errors', () => {
  const load = loadScriptText(readFileSync(join(root, 'three-errors', 'script.cfg'), 'utf8'), 'script.cfg', root);
  const out = new Diagnostics();
  linkScript(load.script, modules, out);
  expect(out.list.map((d) => [d.code, d.loc.line, d.loc.col])).toEqual([
    ['TSIPS_LINK_UNKNOWN_FUNCTION', 3, 2],
    ['TSIPS_LINK_ARG_COUNT', 4, 2],
    ['TSIPS_LINK_ROUTE_TYPE', 9, 2],
  ]);
});
