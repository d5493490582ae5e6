// Warns about `#!` lines (Kamailio's #!define, #!ifdef ...): OpenSIPS reads them as plain
// comments, so both branches of an #!ifdef are active. A line scan, not a grammar rule:
// comments never reach the AST. (A multi-line string with a line starting `#!` would be
// flagged too; harmless for a warning.)
import type { Diagnostics, Sources } from '../script/diagnostics.js';

const PREPROCESSOR_LINE = /^[ \t]*#!/;

export function reportPreprocessorLines(files: Iterable<string>, sources: Sources, out: Diagnostics): void {
  for (const file of files) {
    const text = sources.get(file);
    if (text === undefined || !text.includes('#!')) continue;
    text.split('\n').forEach((line, i) => {
      if (!PREPROCESSOR_LINE.test(line)) return;
      const col = line.indexOf('#!') + 1;
      const word = /^#![A-Za-z]*/.exec(line.slice(col - 1))![0];
      out.warning('TSIPS_PREPROCESSOR_IGNORED', { file, line: i + 1, col, endLine: i + 1, endCol: col + word.length },
        `'${word}' is not a preprocessor directive here: the line is a comment`, 'OpenSIPS ignores #! lines; use include_file or -p m4');
    });
  }
}
