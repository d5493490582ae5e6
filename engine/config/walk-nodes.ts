// Visits every AST node under a root (any object with a string `type`), skipping locations.
// The syntax-error passes use it: they look for node kinds wherever they sit in the tree.
import type { Node } from '../script/ast.js';

const SKIP = new Set(['loc', 'nameLoc', 'kindLoc', 'parsed']);

export function forEachNode(root: unknown, visit: (node: Node) => void): void {
  if (root === null || typeof root !== 'object') return;
  if (Array.isArray(root)) {
    for (const item of root) forEachNode(item, visit);
    return;
  }
  const obj = root as Record<string, unknown>;
  if (typeof obj.type === 'string') visit(obj as unknown as Node);
  for (const key in obj) {
    const value = obj[key];
    if (value !== null && typeof value === 'object' && !SKIP.has(key)) forEachNode(value, visit);
  }
}
