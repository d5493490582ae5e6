// `loadmodule "usrloc.so"` -> a file to import (script-language.md section 3.2). Each mpath
// folder is tried first, so a user module overrides a built-in of the same name; then the
// built-in modules folder. An mpath that does not exist is not an error (real configs point
// at /usr/lib/.../opensips/modules/): only "not found anywhere" is.
import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';

export interface ResolvedModule {
  /** The module name the definition must carry: the last path part without `.so`. */
  readonly name: string;
  readonly file: string;
  readonly builtin: boolean;
}

/** `usrloc.so` -> `usrloc`, `sub/dir/usrloc.so` -> `sub/dir/usrloc`. */
export function stripSo(spec: string): string {
  return spec.endsWith('.so') ? spec.slice(0, -3) : spec;
}

export function moduleNameOf(spec: string): string {
  return basename(stripSo(spec));
}

// Compiled JavaScript first: an installed tsips runs plain Node; .ts is for source-tree
// runs (vitest, tsx) and user modules run the same way.
const FOLDER_ENTRIES = ['index.js', 'index.mjs', 'index.ts'];
const FILE_SUFFIXES = ['.js', '.mjs', '.ts'];

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

/** A user module at `<base>`: a folder with an index file, or `<base>.js`. */
function findAt(base: string): string | undefined {
  if (existsSync(base) && statSync(base).isDirectory()) {
    for (const e of FOLDER_ENTRIES) if (isFile(join(base, e))) return join(base, e);
  }
  for (const s of FILE_SUFFIXES) if (isFile(base + s)) return base + s;
  return undefined;
}

export function resolveModule(spec: string, mpaths: readonly string[], builtinDir: string): ResolvedModule | undefined {
  const rel = stripSo(spec);
  const name = basename(rel);
  if (isAbsolute(rel)) {
    const file = findAt(rel);
    if (file) return { name, file, builtin: false };
  } else {
    for (const dir of mpaths) {
      const file = findAt(join(dir, rel));
      if (file) return { name, file, builtin: false };
    }
  }
  // An OpenSIPS path (absolute, or relative to an mpath) names a module we may ship.
  for (const e of FOLDER_ENTRIES) {
    const file = join(builtinDir, name, e);
    if (isFile(file)) return { name, file, builtin: true };
  }
  return undefined;
}
