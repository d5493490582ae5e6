// Script problems are data: every stage (syntax, include, link) reports Diagnostics to a
// sink, and they are printed in one place, in the shape of STYLE.md section 5:
//   main.cfg:14:5: error: unknown function 'sl_send_rply' [TSIPS_LINK_UNKNOWN_FUNCTION]
//     14 |     sl_send_rply(404, "Not here");
//        |     ^^^^^^^^^^^^ did you mean 'sl_send_reply'?
import type { DiagnosticCode } from './diagnostic-codes.js';

/** A place in a script file: 1-based line and column; endCol is exclusive, on the same line. */
export interface Loc {
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  loc: Loc;
  hint?: string;
  notes?: { message: string; loc: Loc }[];
}

/** Collects diagnostics from the passes of one stage. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  error(code: DiagnosticCode, loc: Loc, message: string, hint?: string): void {
    this.list.push({ code, severity: 'error', message, loc, hint });
  }
  warning(code: DiagnosticCode, loc: Loc, message: string, hint?: string): void {
    this.list.push({ code, severity: 'warning', message, loc, hint });
  }
  get errorCount(): number {
    return this.list.reduce((n, d) => n + (d.severity === 'error' ? 1 : 0), 0);
  }
}

/** Source text by file name, so the printer can show the offending line. */
export type Sources = ReadonlyMap<string, string>;

export function formatDiagnostic(d: Diagnostic, sources: Sources): string {
  let out = `${d.loc.file}:${d.loc.line}:${d.loc.col}: ${d.severity}: ${d.message} [${d.code}]\n`;
  out += frame(d.loc, sources, d.hint);
  for (const n of d.notes ?? []) {
    out += `${n.loc.file}:${n.loc.line}:${n.loc.col}: note: ${n.message}\n` + frame(n.loc, sources);
  }
  return out;
}

export function formatDiagnostics(list: readonly Diagnostic[], sources: Sources): string {
  const sorted = [...list].sort((a, b) =>
    a.loc.file === b.loc.file ? a.loc.line - b.loc.line || a.loc.col - b.loc.col : 0);
  return sorted.map((d) => formatDiagnostic(d, sources)).join('');
}

function frame(loc: Loc, sources: Sources, hint?: string): string {
  const text = sources.get(loc.file);
  const line = text?.split(/\r?\n/)[loc.line - 1];
  if (line === undefined) return hint ? `  = ${hint}\n` : '';
  const num = String(loc.line);
  const gutter = ' '.repeat(num.length);
  // Tabs are kept in the padding so the caret lands under the right character.
  const pad = line.slice(0, loc.col - 1).replace(/[^\t]/g, ' ');
  const width = loc.endCol && (loc.endLine ?? loc.line) === loc.line ? Math.max(1, loc.endCol - loc.col) : 1;
  return `  ${num} | ${line}\n  ${gutter} | ${pad}${'^'.repeat(width)}${hint ? ' ' + hint : ''}\n`;
}
