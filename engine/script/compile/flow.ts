// The run-time vocabulary of compiled routes: how a statement says what comes next, the
// four condition results of OpenSIPS's eval_expr, and the one helper that keeps the
// all-synchronous path free of promises (STYLE.md 7).
import type { MessageContext } from '../../core/message-context.js';
import type { MaybeValue } from '../value.js';

/** What a statement tells its list: go on, or leave by break / return / exit (drop too). */
export const NEXT = 0, BREAK = 1, RETURN = 2, EXIT = 3;
export type Flow = typeof NEXT | typeof BREAK | typeof RETURN | typeof EXIT;

/** Condition results (script-language.md 6.3): a call returning 0 is STOP = end the script. */
export const TRUE = 1, FALSE = 0, ERROR = -1, STOP = -2;
export type Cond = typeof TRUE | typeof FALSE | typeof ERROR | typeof STOP;

/** A value expression that produced no value (type error), or a call that returned 0. */
export const NO_VALUE: unique symbol = Symbol('no value');
export const STOP_VALUE: unique symbol = Symbol('stop');
export type ExprValue = MaybeValue | typeof NO_VALUE | typeof STOP_VALUE;

/** One running route: the message and the route's own return code. */
export interface Frame {
  readonly ctx: MessageContext;
  /** Nesting of route() calls (limit 100, as OpenSIPS). */
  readonly depth: number;
  /** The code of `return N` once it ran. */
  ret: number;
  /** The value of the last statement run (what the route gives without a return, 4.3).
   *  Not always $rc: a false `if` leaves $rc at 0 but its statement value is 1. */
  last: number;
}

export type Sync<T> = T | Promise<T>;
export type Exec = (f: Frame) => Sync<Flow>;

/** Continues with `next` now when `r` is a plain value, after it resolves when a promise. */
export function andThen<T, R>(r: Sync<T>, next: (v: T) => Sync<R>): Sync<R> {
  return r instanceof Promise ? r.then(next) : next(r);
}

/** Runs statements in order until one leaves; switches to awaiting only where one returns
 *  a promise, and continues from the next statement. */
export function runList(list: readonly Exec[], f: Frame, from = 0): Sync<Flow> {
  for (let k = from; k < list.length; k++) {
    const r = list[k](f);
    if (r instanceof Promise) return r.then((fl) => (fl === NEXT ? runList(list, f, k + 1) : fl));
    if (r !== NEXT) return r;
  }
  return NEXT;
}

/** OpenSIPS's reading of a function result: true is 1, false is -1. */
export const toCode = (r: number | boolean): number => (r === true ? 1 : r === false ? -1 : r);
