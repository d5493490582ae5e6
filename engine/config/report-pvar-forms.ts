// Checks that an index or a transformation is written on the long form of a variable:
// `$avp(x)[*]` and `$ru{uri.user}` are errors in OpenSIPS (quirk 11); the grammar reads
// them anyway so this pass can show the spelling that works.
import type { Node, PVar } from '../script/ast.js';
import type { Diagnostics } from '../script/diagnostics.js';
import { printPVar } from '../script/print.js';

/** A node visitor (see walk-nodes.ts). */
export function reportPVarForms(out: Diagnostics): (node: Node) => void {
  return (node) => {
    if (node.type !== 'PVar' || node.long || (node.index === null && node.transforms.length === 0)) return;
    const what = node.index !== null ? 'an index' : 'a transformation';
    const fixed: PVar = { ...node, long: true };
    out.error('TSIPS_SYNTAX_PVAR_FORM', node.loc, `${what} needs the long form of the variable`, `write ${printPVar(fixed)}`);
  };
}
