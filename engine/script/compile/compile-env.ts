// What the compiler needs besides the AST: module states, the variable and function
// tables, the compiled routes (looked up lazily, so routes may call each other), limits.
import type { Logger } from '../../core/log.js';
import type { PvarSpec } from '../pvars/index.js';
import type { FunctionEntry } from '../link/link-env.js';
import type { Exec } from './flow.js';

export interface CEnv {
  readonly pvars: ReadonlyMap<string, PvarSpec>;
  readonly functions: ReadonlyMap<string, FunctionEntry>;
  readonly states: ReadonlyMap<string, unknown>;
  readonly log: Logger;
  /** Named route[x] blocks, filled before any route runs. */
  readonly named: Map<string, RouteBody>;
  readonly maxWhileLoops: number;
}

/** A named route's statements, compiled. */
export interface RouteBody { readonly label: string; readonly exec: Exec }

export const MAX_ROUTE_DEPTH = 100;

/** `file:line` of a node, for run-time log lines that point at the script. */
export const where = (loc: { file: string; line: number }): string => `${loc.file}:${loc.line}`;
