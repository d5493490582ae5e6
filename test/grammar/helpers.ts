// Shared by the grammar, printer and config tests: parse snippets, strip locations, find the corpus.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { parse } from '../../grammar/script.generated.js';
import type { CompareRight, Expr, Route, Script, Statement } from '../../engine/script/ast.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** CI runs in a fresh clone with shared/ beside it. */
export const corpusDir = resolve(repoRoot, '../shared/corpus/cfg');
export const corpusFiles = (): string[] => readdirSync(corpusDir).filter((f) => f.endsWith('.cfg')).sort();

export const parseScript = (text: string): Script => parse(text, { grammarSource: 't.cfg' }) as Script;

/** The statements of `route { <body> }`. */
export function body(text: string): Statement[] {
  const s = parseScript(`route {\n${text}\n}\n`);
  return (s.items[0] as Route).body;
}

/** The condition of `if (<cond>) exit;`. */
export function cond(text: string): Expr {
  const [s] = body(`if (${text}) exit;`);
  if (s.type !== 'If') throw new Error(`not an if: ${JSON.stringify(s)}`);
  return s.test;
}

/** The right side of `$var(x) = <value>;`. */
export function value(text: string): Expr {
  const [s] = body(`$var(x) = ${text};`);
  if (s.type !== 'Assign') throw new Error(`not an assignment: ${JSON.stringify(s)}`);
  return s.value;
}

const LOC_KEYS = new Set(['loc', 'nameLoc', 'kindLoc']);
/** A deep copy without locations: what the round-trip compares. */
export function stripLocs<T>(node: T): T {
  return JSON.parse(JSON.stringify(node, (k, v) => (LOC_KEYS.has(k) ? undefined : v)));
}

/** Compact text of an expression tree, to assert precedence: (a && b) shows the grouping. */
export function shape(e: Expr | CompareRight): string {
  switch (e.type) {
    case 'Logical': case 'Binary': return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'Not': return `!${shape(e.operand)}`;
    case 'BitNot': return `~${shape(e.operand)}`;
    case 'Compare': return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'ValueTest': return `[${shape(e.value)}]`;
    case 'PVar': return `$${e.name}${e.inner ? `(${e.inner.type === 'PVarText' ? e.inner.value : shape(e.inner)})` : ''}`;
    case 'Number': return String(e.value);
    case 'String': return JSON.stringify(e.value);
    case 'Null': return 'NULL';
    case 'Call': return `${e.name}()`;
    case 'RouteCall': return `route()`;
    default: return e.type;
  }
}
