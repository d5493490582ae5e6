// Turns Peggy's failure data (what it expected at the furthest position it reached) into the
// human text of a diagnostic: "unexpected '{'" with the hint "expected ')' or '&&'".
import type { Expectation } from '../../grammar/script.generated.js';

/** The token a reader sees at `offset`: a word, a variable start, a quoted string, or one character. */
export function tokenAt(text: string, offset: number): string {
  if (offset >= text.length) return '';
  const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|\$\(?[A-Za-z_][A-Za-z0-9_.]*|"[^"\n]*"?|'[^'\n]*'?|[0-9]+|&&|\|\||[=!<>:+\-*/%&|^]=|=~|!~|\S)/
    .exec(text.slice(offset, offset + 200));
  return m ? m[0] : text[offset];
}

export function describeFound(token: string): string {
  if (token === '') return 'end of file';
  return token === '\n' || token === '\r' ? 'end of line' : `'${token}'`;
}

/** "expected ')', '&&' or '||'": sorted, de-duplicated, whitespace and comments left out. */
export function describeExpected(expected: readonly Expectation[]): string {
  const names = new Set<string>();
  for (const e of expected) {
    if (e.type === 'literal') names.add(`'${e.text}'`);
    else if (e.type === 'other' && e.description !== 'whitespace') names.add(e.description);
    else if (e.type === 'end') names.add('end of file');
    else if (e.type === 'any') names.add('any character');
  }
  summarize(names, ["'if'", "'while'"], 'statement');
  summarize(names, ["'loadmodule'", "'modparam'"], 'global parameter, loadmodule, modparam or route block');
  const list = [...names].sort(byKind);
  if (list.length === 0) return 'something else';
  if (list.length === 1) return `expected ${list[0]}`;
  return `expected ${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

/**
 * At the start of a statement (or a top-level item) Peggy lists every keyword that could
 * begin one; those lists say less than the one word "statement".
 */
function summarize(names: Set<string>, markers: string[], word: string): void {
  if (!markers.every((m) => names.has(m))) return;
  for (const n of [...names]) if (/^'[a-z_]+'$/.test(n) || n === 'function name' || n === 'pseudo-variable' || n === 'identifier' || n === 'route type') names.delete(n);
  names.add(word);
}

// Punctuation first (it is usually the answer), then named things.
function byKind(a: string, b: string): number {
  const pa = a.startsWith("'") ? 0 : 1;
  const pb = b.startsWith("'") ? 0 : 1;
  return pa - pb || (a < b ? -1 : a > b ? 1 : 0); // code-unit order: the same on every machine
}

/** True when a quote at `offset` has no closing quote anywhere after it. */
export function isUnterminatedString(text: string, offset: number): boolean {
  const q = text[offset];
  return (q === '"' || q === "'") && unclosedFrom(text, offset + 1, q);
}

function unclosedFrom(text: string, from: number, quote: string): boolean {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return false;
  }
  return true;
}
