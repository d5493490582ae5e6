// Every code the module system and MI/stats code uses is in a catalog, with a description.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGNOSTIC_CODES } from '../../../engine/script/diagnostic-codes.js';
import { MODULE_ERROR_CODES } from '../../../engine/modules/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('module system codes', () => {
  it('are all catalogued and described', () => {
    const known: Record<string, string> = { ...DIAGNOSTIC_CODES, ...MODULE_ERROR_CODES };
    for (const dir of ['engine/modules', 'engine/mi', 'engine/stats', 'modules/httpd', 'modules/mi_http']) {
      for (const f of readdirSync(join(root, dir)).filter((x) => x.endsWith('.ts'))) {
        for (const [code] of readFileSync(join(root, dir, f), 'utf8').matchAll(/'(TSIPS_[A-Z_]+)'/g)) {
          expect(known[code.slice(1, -1)], `${dir}/${f}: ${code}`).toMatch(/\w/);
        }
      }
    }
  });
  it('do not collide between the diagnostic and the run-time catalogs', () => {
    const both = Object.keys(MODULE_ERROR_CODES).filter((c) => c in DIAGNOSTIC_CODES);
    expect(both).toEqual([]);
  });
});
