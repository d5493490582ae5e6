// An argument as it would be written in the script, for hints that show a corrected call.
import type * as ast from '../ast.js';
import { printPVar } from '../print.js';

export function printArg(a: ast.Arg | null): string {
  if (a === null) return '';
  switch (a.type) {
    case 'String': case 'FoldedString': return JSON.stringify(a.value);
    case 'Number': return a.raw;
    case 'Null': return 'NULL';
    case 'PVar': return printPVar(a);
  }
}
