// Every public script of the corpus parses with no error and no error node.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScriptFile } from '../../engine/config/index.js';
import { corpusDir, corpusFiles } from './helpers.js';

describe('corpus scripts parse', () => {
  it('finds the corpus beside the repository', () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(20);
  });
  for (const file of corpusFiles()) {
    it(file, () => {
      const load = loadScriptFile(join(corpusDir, file));
      expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(JSON.stringify(load.script)).not.toMatch(/"type":"Bad/);
      expect(load.script.items.some((i) => i.type === 'Route' && i.kind === 'route' && i.name === null)).toBe(true);
    });
  }
});
