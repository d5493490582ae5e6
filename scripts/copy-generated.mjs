// tsc does not emit the Peggy-generated JavaScript (its .d.ts shadows it), so the
// build copies every grammar/*.generated.js next to the compiled code in dist/.
import { readdirSync, copyFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist', 'grammar'), { recursive: true });
for (const f of readdirSync(join(root, 'grammar'))) {
  if (f.endsWith('.generated.js')) copyFileSync(join(root, 'grammar', f), join(root, 'dist', 'grammar', f));
}
