// Walks route bodies for the link passes: every statement and expression node, plus the
// strings that are formatted (expanded) at run time, with the role of each place.
import type * as ast from '../ast.js';
import { forEachNode } from '../../config/walk-nodes.js';

export const routesOf = (script: ast.Script): ast.Route[] =>
  script.items.filter((i): i is ast.Route => i.type === 'Route');

/** Every node inside the routes (calls, route calls, variables, assignments ...). */
export function forEachRouteNode(script: ast.Script, visit: (node: ast.Node) => void): void {
  for (const r of routesOf(script)) forEachNode(r.body, visit);
}

/** String literals inside a value expression (assignment right sides, `[ ]`): formatted. */
export function valueStrings(e: ast.Expr, out: ast.StringLit[] = []): ast.StringLit[] {
  switch (e.type) {
    case 'String': out.push(e); break;
    case 'Binary': valueStrings(e.left, out); valueStrings(e.right, out); break;
    case 'BitNot': valueStrings(e.operand, out); break;
    default: break;
  }
  return out;
}
