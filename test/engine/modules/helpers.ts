// Shared by the module-system tests: temp folders holding small JavaScript modules, a loc.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Loc } from '../../../engine/script/diagnostics.js';

export const loc = (line = 1, file = 'main.cfg'): Loc => ({ file, line, col: 1 });

/** Writes files (path -> text) under a new temp folder; returns it and a cleanup. */
export function tempTree(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tsips-mod-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A plain-JS module the way a user writes one (defineModule is an identity function). */
export const jsModule = (name: string, extra = ''): string =>
  `export default { name: ${JSON.stringify(name)}, params: { p: { kind: 'int', default: 1, doc: 'p' } }${extra} };\n`;
