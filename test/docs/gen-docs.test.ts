// The generated module docs are current (what `npm run docs:check` checks in CI), and the
// renderer shows what a definition declares.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectedDocs, projectRoot } from '../../scripts/gen-docs.js';
import { renderModuleDoc, GENERATED_HEADER } from '../../scripts/docs/render-module-doc.js';
import { defineModule, param, fn, arg, miCommand, stat } from '../../engine/modules/index.js';

describe('docs/modules', () => {
  it('is current for every built-in module', async () => {
    const dir = join(projectRoot(), 'docs', 'modules');
    for (const [file, text] of await expectedDocs()) {
      const path = join(dir, file);
      expect(existsSync(path), `${file} missing: run npx tsx scripts/gen-docs.ts`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${file} is stale: run npx tsx scripts/gen-docs.ts`).toBe(text);
    }
  });

  it('renders params, functions, MI commands, statistics and dependencies', () => {
    const text = renderModuleDoc(defineModule({
      name: 'demo', doc: 'A demo.',
      deps: { tm: 'abort', db: { kind: 'abort', when: { param: 'db_mode', notIn: [0] } } },
      params: { db_mode: param.int({ default: 0, oneOf: [0, 1, 2], doc: 'Storage mode.' }) },
      functions: { f: fn({ args: [arg.str({ doc: 'uri' }), arg.int({ optional: true })], routes: ['request', 'onreply'], doc: 'Does f.', run: () => 1 }) },
      mi: { demo_dump: miCommand({ doc: 'Dumps.', params: [{ name: 'filter', optional: true }], handler: () => 'OK' }) },
      stats: { hits: stat.counter({ doc: 'Hits.' }) },
    }));
    expect(text.startsWith(GENERATED_HEADER + '\n')).toBe(true);
    for (const part of [
      '- `db`: start-up fails without it, when `db_mode` is not 0', '### `db_mode` (integer)', 'Default: `0`. Allowed: `0`, `1`, `2`.',
      '### `f(uri, int2?)`', '| 2 | int | optional |', 'Allowed in: request, onreply.',
      '### `demo_dump`', 'Parameter sets: none | `filter`', '- `demo:hits` (counter): Hits.',
    ]) expect(text).toContain(part);
  });
});
