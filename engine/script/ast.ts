// PLACEHOLDER: the typed AST of the route-script language (replaced by the grammar work).
import type { Loc } from './diagnostics.js';
export interface Script { type: 'Script'; items: unknown[]; loc: Loc }
export const script = (items: unknown[], loc: Loc): Script => ({ type: 'Script', items, loc });
