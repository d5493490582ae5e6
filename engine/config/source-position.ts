// Converts between 1-based line/column (what locs hold) and string offsets (what Peggy's
// re-parse and failure positions use), for one source text.
import type { Loc } from '../script/diagnostics.js';

export class SourcePositions {
  private readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }
  offsetOf(line: number, col: number): number {
    return (this.lineStarts[line - 1] ?? this.text.length) + col - 1;
  }
  /** A loc covering [start, end) (end clamped to the start's line so the caret stays on one line). */
  locAt(file: string, start: number, end = start + 1): Loc {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= start) lo = mid; else hi = mid - 1;
    }
    const col = start - this.lineStarts[lo] + 1;
    const lineEnd = this.lineStarts[lo + 1] !== undefined ? this.lineStarts[lo + 1] - 1 : this.text.length;
    const endCol = Math.max(col + 1, Math.min(end, lineEnd) - this.lineStarts[lo] + 1);
    return { file, line: lo + 1, col, endLine: lo + 1, endCol };
  }
}
