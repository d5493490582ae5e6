// Runs the Peggy parser on one file's text. The grammar recovers from bad statements and
// items itself, so a thrown SyntaxError is rare (an included statement file that closes a
// block it never opened, say); it becomes one located diagnostic instead of an exception.
import { parse, SyntaxError as PeggySyntaxError, type Expectation } from '../../grammar/script.generated.js';
import type { Diagnostic } from '../script/diagnostics.js';
import { describeExpected, describeFound, isUnterminatedString, tokenAt } from './describe-expected.js';
import { SourcePositions } from './source-position.js';

export type StartRule = 'Script' | 'Statements' | 'Statement' | 'TopLevelItem';

export interface ParseResult<T> { value: T | null; diagnostics: Diagnostic[] }

export function parseSource<T>(text: string, file: string, rule: StartRule): ParseResult<T> {
  try {
    return { value: parse(text, { grammarSource: file, startRule: rule }) as T, diagnostics: [] };
  } catch (e) {
    if (!(e instanceof PeggySyntaxError)) throw e;
    const offset = e.location.start.offset;
    return { value: null, diagnostics: [failureDiagnostic(new SourcePositions(text), file, offset, e.expected ?? [])] };
  }
}

/**
 * Re-parses the piece of `text` starting at `offset` with the recovery alternatives switched
 * off, and says where and why it fails. This is how a bad statement learns what was expected:
 * the first parse only marked the piece as bad (see the grammar's header).
 */
export function strictFailure(source: SourcePositions, file: string, offset: number, rule: StartRule): Diagnostic | null {
  const r = parse(source.text, {
    grammarSource: file, startRule: rule, strict: true, peg$library: true, peg$currPos: offset,
  }) as unknown as { peg$result: unknown; peg$FAILED: unknown; peg$maxFailPos: number; peg$maxFailExpected: Expectation[] };
  if (r.peg$result !== r.peg$FAILED && r.peg$maxFailExpected.length === 0) return null;
  return failureDiagnostic(source, file, r.peg$maxFailPos, r.peg$maxFailExpected);
}

function failureDiagnostic(positions: SourcePositions, file: string, offset: number, expected: readonly Expectation[]): Diagnostic {
  const text = positions.text;
  const token = tokenAt(text, offset);
  if (isUnterminatedString(text, offset)) {
    return {
      code: 'TSIPS_SYNTAX_UNTERMINATED', severity: 'error', message: 'unterminated string',
      loc: positions.locAt(file, offset), hint: `no closing ${text[offset]} before the end of the file`,
    };
  }
  return {
    code: 'TSIPS_SYNTAX', severity: 'error', message: `syntax error: unexpected ${describeFound(token)}`,
    loc: positions.locAt(file, offset, offset + Math.max(1, token.length)), hint: describeExpected(expected),
  };
}
