// PLACEHOLDER: reading a script file into an AST (replaced by the grammar work).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from '../../grammar/script.generated.js';
import type { Script } from '../script/ast.js';
import type { Diagnostic, Sources } from '../script/diagnostics.js';
export { formatDiagnostics } from '../script/diagnostics.js';

export interface ScriptLoad { script: Script; diagnostics: Diagnostic[]; sources: Sources }

export function loadScriptText(text: string, file: string, _baseDir: string): ScriptLoad {
  const script = parse(text, { grammarSource: file }) as Script;
  return { script, diagnostics: [], sources: new Map([[file, text]]) };
}

export function loadScriptFile(file: string): ScriptLoad {
  return loadScriptText(readFileSync(file, 'utf8'), file, dirname(file));
}
