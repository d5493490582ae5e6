// Syntax-error fixtures: test/script/errors/<case>/main.cfg and expected.txt, the exact
// output of formatDiagnostics. The script is loaded under the name main.cfg (includes are
// looked up next to it), so the printed paths do not depend on where the tests run.
// Set TSIPS_UPDATE_FIXTURES=1 to rewrite expected.txt from the current output (then review it).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostics, loadScriptText } from '../../engine/config/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'errors');
const cases = readdirSync(root).filter((c) => existsSync(join(root, c, 'main.cfg'))).sort();

describe('syntax error fixtures', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));
  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      const load = loadScriptText(readFileSync(join(dir, 'main.cfg'), 'utf8'), 'main.cfg', dir);
      const printed = formatDiagnostics(load.diagnostics, load.sources);
      const expectedFile = join(dir, 'expected.txt');
      if (process.env.TSIPS_UPDATE_FIXTURES) writeFileSync(expectedFile, printed);
      expect(printed).toBe(readFileSync(expectedFile, 'utf8'));
      if (name !== 'preprocessor-line') expect(load.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    });
  }
});
