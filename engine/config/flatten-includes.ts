// Expands include_file / import_file (script-language.md 5.9). Each directive stays in the
// tree (with `resolved` and `expanded` set) and the included file's items are spliced right
// after it, so later passes see one flat script whose nodes carry their own file name.
// Decisions: paths are relative to the including file, with OpenSIPS's working-directory
// lookup kept as a fallback that warns; a cycle or a missing file is an error at the
// directive; import_file skips a file that is already loaded (include_file never does).
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Include, Statement, TopLevel } from '../script/ast.js';
import type { Diagnostics } from '../script/diagnostics.js';
import { parseSource, type StartRule } from './parse-source.js';

/** A file being read: `name` is what locs and messages show, `path` the real path on disk. */
export interface ScriptFile { name: string; path: string }

export interface IncludeState {
  sources: Map<string, string>;
  out: Diagnostics;
  loaded: Set<string>; // real paths read so far (import_file reads a file once)
}

const MAX_DEPTH = 50; // cfg_pp.c's flattening limit

/** A file whose text never names a directive needs no walk (the common case, and a big file). */
function mayInclude(file: ScriptFile, st: IncludeState): boolean {
  const text = st.sources.get(file.name) ?? '';
  return text.includes('include_file') || text.includes('import_file');
}

/** Expands the directives of one file's top-level items. */
export function flattenFile(items: TopLevel[], file: ScriptFile, st: IncludeState, stack: ScriptFile[]): TopLevel[] {
  return mayInclude(file, st) ? flattenTopLevel(items, file, st, stack) : items;
}

function flattenTopLevel(items: TopLevel[], file: ScriptFile, st: IncludeState, stack: ScriptFile[]): TopLevel[] {
  const result: TopLevel[] = [];
  for (const item of items) {
    result.push(item);
    if (item.type === 'Route') item.body = flattenStatements(item.body, file, st, stack);
    if (item.type !== 'Include') continue;
    const inner = readIncluded<TopLevel[]>(item, file, st, stack, 'Script', (v) => (v as { items: TopLevel[] }).items);
    if (inner) result.push(...flattenFile(inner.value, inner.file, st, [...stack, inner.file]));
    item.expanded = result.length - result.indexOf(item) - 1;
  }
  return result;
}

function flattenStatements(list: Statement[], file: ScriptFile, st: IncludeState, stack: ScriptFile[]): Statement[] {
  const result: Statement[] = [];
  for (const s of list) {
    result.push(s);
    flattenNested(s, file, st, stack);
    if (s.type !== 'Include') continue;
    const inner = readIncluded<Statement[]>(s, file, st, stack, 'Statements', (v) => v as Statement[]);
    const nested = [...stack, inner?.file as ScriptFile];
    if (inner) result.push(...(mayInclude(inner.file, st) ? flattenStatements(inner.value, inner.file, st, nested) : inner.value));
    s.expanded = result.length - result.indexOf(s) - 1;
  }
  return result;
}

function flattenNested(s: Statement, file: ScriptFile, st: IncludeState, stack: ScriptFile[]): void {
  const again = (list: Statement[]) => flattenStatements(list, file, st, stack);
  if (s.type === 'Block') s.body = again(s.body);
  else if (s.type === 'If') { flattenNested(s.then, file, st, stack); if (s.else) flattenNested(s.else, file, st, stack); }
  else if (s.type === 'While' || s.type === 'ForEach') flattenNested(s.body, file, st, stack);
  else if (s.type === 'Switch') for (const c of s.cases) c.body = again(c.body);
}

function readIncluded<T>(
  inc: Include, from: ScriptFile, st: IncludeState, stack: ScriptFile[], rule: StartRule, pick: (v: unknown) => T,
): { value: T; file: ScriptFile } | null {
  const target = locate(inc, from, st);
  if (!target) return null;
  inc.resolved = target.name;
  const real = realPath(target.path);
  const cycleAt = stack.findIndex((f) => realPath(f.path) === real);
  if (cycleAt !== -1 && inc.keyword === 'include_file') {
    const chain = [...stack.slice(cycleAt), target].map((f) => f.name).join(' -> ');
    st.out.error('TSIPS_INCLUDE_CYCLE', inc.loc, `include cycle: ${chain}`, 'a file may not include itself, directly or not');
    return null;
  }
  if (inc.keyword === 'import_file' && st.loaded.has(real)) return null;
  if (stack.length >= MAX_DEPTH) {
    st.out.error('TSIPS_INCLUDE_CYCLE', inc.loc, `includes nested more than ${MAX_DEPTH} deep`);
    return null;
  }
  const text = readFileSync(target.path, 'utf8');
  st.loaded.add(real);
  st.sources.set(target.name, text);
  const parsed = parseSource<unknown>(text, target.name, rule);
  st.out.list.push(...parsed.diagnostics);
  return parsed.value === null ? null : { value: pick(parsed.value), file: target };
}

/** Finds the file: next to the including file first, then (as OpenSIPS does) the working directory. */
function locate(inc: Include, from: ScriptFile, st: IncludeState): ScriptFile | null {
  const written = inc.path.value;
  if (isAbsolute(written)) {
    if (isFile(written)) return { name: written, path: written };
  } else {
    const besides = resolve(dirname(from.path), written);
    if (isFile(besides)) return { name: join(dirname(from.name), written), path: besides };
    const fromCwd = resolve(process.cwd(), written);
    if (isFile(fromCwd)) {
      st.out.warning('TSIPS_INCLUDE_FROM_CWD', inc.path.loc, `'${written}' was found in the working directory, not next to ${from.name}`,
        'tsips resolves include paths relative to the including file');
      return { name: relative(process.cwd(), fromCwd) || written, path: fromCwd };
    }
  }
  st.out.error('TSIPS_INCLUDE_MISSING', inc.path.loc, `cannot open included file '${written}'`,
    isAbsolute(written) ? undefined : `looked for ${join(dirname(from.name), written)}`);
  return null;
}

export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // the main script may come from stdin or a string
  }
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
