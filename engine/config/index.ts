// Reading a script: parse the main file, expand include_file/import_file, then run the
// syntax passes that turn the grammar's error nodes (and a few shape rules) into located
// diagnostics. Never throws on a bad script, only when the top file cannot be read.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Script } from '../script/ast.js';
import { Diagnostics, type Diagnostic, type Sources } from '../script/diagnostics.js';
import { flattenFile, realPath, type ScriptFile } from './flatten-includes.js';
import { parseSource } from './parse-source.js';
import { reportBreakOutside } from './report-break-outside.js';
import { reportPreprocessorLines } from './report-preprocessor-lines.js';
import { reportPVarForms } from './report-pvar-forms.js';
import { reportSyntaxErrors } from './report-syntax-errors.js';
import { forEachNode } from './walk-nodes.js';
export { formatDiagnostics } from '../script/diagnostics.js';

export interface ScriptLoad { script: Script; diagnostics: Diagnostic[]; sources: Sources }

/** Loads `text` as the script named `file`; relative includes are looked up from `baseDir`. */
export function loadScriptText(text: string, file: string, baseDir: string): ScriptLoad {
  const sources = new Map<string, string>([[file, text]]);
  const out = new Diagnostics();
  const main: ScriptFile = { name: file, path: resolve(baseDir, basename(file)) };
  const parsed = parseSource<Script>(text, file, 'Script');
  out.list.push(...parsed.diagnostics);
  const script = parsed.value ?? { type: 'Script', items: [], loc: { file, line: 1, col: 1 } };
  script.items = flattenFile(script.items, main, { sources, out, loaded: new Set([realPath(main.path)]) }, [main]);
  // The node passes share one walk of the tree: it is the costly part for a big script.
  const visitors = [reportSyntaxErrors(sources, out), reportPVarForms(out)];
  forEachNode(script, (node) => { for (const visit of visitors) visit(node); });
  reportBreakOutside(script, out);
  reportPreprocessorLines(sources.keys(), sources, out);
  return { script, diagnostics: out.list, sources };
}

/** Reads and loads a script file; throws only when the file itself cannot be read. */
export function loadScriptFile(file: string): ScriptLoad {
  return loadScriptText(readFileSync(file, 'utf8'), file, dirname(resolve(file)));
}
