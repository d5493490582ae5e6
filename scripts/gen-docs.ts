// Writes docs/modules/<name>.md for every built-in module from its definition.
//   npx tsx scripts/gen-docs.ts           regenerate
//   npx tsx scripts/gen-docs.ts --check   exit 1 if any page is missing, stale or orphaned (CI)
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinModules } from './docs/builtin-modules.js';
import { renderModuleDoc, GENERATED_HEADER } from './docs/render-module-doc.js';

/** The project root, found by walking up: this file runs from scripts/ and dist/scripts/. */
export function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const f = join(dir, 'package.json');
    if (existsSync(f) && (JSON.parse(readFileSync(f, 'utf8')) as { name?: string }).name === 'tsips') return dir;
    if (dirname(dir) === dir) throw new Error('package.json of tsips not found');
  }
}

/** Page name -> expected content. */
export async function expectedDocs(): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const m of await loadBuiltinModules()) pages.set(`${m.def.name}.md`, renderModuleDoc(m.def));
  return pages;
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const dir = join(projectRoot(), 'docs', 'modules');
  const pages = await expectedDocs();
  const stale: string[] = [];
  for (const [file, text] of pages) {
    const path = join(dir, file);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    stale.push(file);
    if (!check) { mkdirSync(dir, { recursive: true }); writeFileSync(path, text); }
  }
  // Generated pages whose module is gone would mislead: remove them (or fail the check).
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    if (pages.has(file) || !file.endsWith('.md')) continue;
    if (!readFileSync(join(dir, file), 'utf8').startsWith(GENERATED_HEADER)) continue;
    stale.push(file);
    if (!check) unlinkSync(join(dir, file));
  }
  if (check && stale.length) {
    process.stderr.write(`docs/modules is out of date: ${stale.join(', ')}\nrun: npx tsx scripts/gen-docs.ts\n`);
    return 1;
  }
  process.stdout.write(check ? `docs/modules is current (${pages.size} modules)\n` : `docs/modules: ${stale.length} page(s) written or removed\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    process.stderr.write(`gen-docs: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(2);
  });
}
