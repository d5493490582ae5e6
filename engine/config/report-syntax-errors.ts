// Reports every error node the grammar's recovery left in the tree (BadStatement,
// BadTopLevel, BadExpr). A node that already knows its message (missing ';', bare word,
// unknown route type ...) is reported as is; a plain "could not parse this" node is
// re-parsed strictly from its start to say exactly where and what was expected.
import type { Node } from '../script/ast.js';
import type { Diagnostics, Sources } from '../script/diagnostics.js';
import { strictFailure } from './parse-source.js';
import { SourcePositions } from './source-position.js';

/** A node visitor (see walk-nodes.ts): index.ts runs the node passes in one walk. */
export function reportSyntaxErrors(sources: Sources, out: Diagnostics): (node: Node) => void {
  const positions = new Map<string, SourcePositions>();
  const positionsOf = (file: string): SourcePositions | null => {
    let p = positions.get(file);
    const text = sources.get(file);
    if (!p && text !== undefined) positions.set(file, (p = new SourcePositions(text)));
    return p ?? null;
  };
  return (node) => {
    if (node.type !== 'BadStatement' && node.type !== 'BadTopLevel' && node.type !== 'BadExpr') return;
    if (node.message !== null) {
      out.error(node.code, node.loc, node.message, node.hint ?? undefined);
      return;
    }
    const source = positionsOf(node.loc.file);
    const rule = node.type === 'BadTopLevel' ? 'TopLevelItem' : 'Statement';
    const found = source && strictFailure(source, node.loc.file, source.offsetOf(node.loc.line, node.loc.col), rule);
    if (found) out.list.push(found);
    else out.error('TSIPS_SYNTAX', node.loc, 'syntax error');
  };
}
