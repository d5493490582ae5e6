// Where the built-in modules are. This file sits at engine/modules/ both in the source tree
// (vitest, tsx: modules/<name>/index.ts) and in the build (dist/engine/modules: built-ins
// at dist/modules/<name>/index.js), so the same relative step works in both.
import { fileURLToPath } from 'node:url';

export function builtinModulesDir(): string {
  return fileURLToPath(new URL('../../modules/', import.meta.url));
}
