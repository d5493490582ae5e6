// Script function declarations (OpenSIPS cmd_export_t): argument kinds with their modifiers,
// the route types a function may be called from, an optional load-time fixup, and `run`.
// The linker checks every call against this data before the first packet is read
// (script-language.md section 10); `run` receives arguments already typed by kind.
import type { MaybeValue } from '../script/value.js';

/** The per-message context the runtime passes to `run`. Empty here: engine/core fills it in
 *  by declaration merging, so this folder does not depend on the SIP runtime. */
export interface MessageContext {}

/** A pseudo-variable given as an argument (OpenSIPS VAR): the function reads or writes it. */
export interface PvarRef {
  /** The variable as written in the script, e.g. `$var(x)`. */
  readonly text: string;
  get(): MaybeValue;
  set(v: MaybeValue): void;
}

/** int/str accept a literal of their type or a variable; pvar only a variable; regex a string
 *  literal (compiled once) or a variable (compiled per call). */
export type ArgKind = 'int' | 'str' | 'pvar' | 'regex';

export interface ArgDef<K extends ArgKind = ArgKind, O extends boolean = boolean> {
  readonly kind: K;
  /** OPT: may be omitted, or left as an empty slot before a later argument: `f(, "x")`. */
  readonly optional: O;
  /** STATIC: a constant only, no variable and no `$` inside (flag strings, option names). */
  readonly static?: boolean;
  /** NO_EXPAND: a string literal is taken as-is, no `$` expansion. */
  readonly noExpand?: boolean;
  /** For pvar: the function writes it, so the variable must be writable (not `$ci`). */
  readonly writable?: boolean;
  /** For str: a number literal is accepted as its text (core `log(-1, "x")`'s level). */
  readonly acceptsNumber?: boolean;
  /** For str: names a route of this type (t_on_failure's "name"); a constant that names
   *  no such route is a link error. */
  readonly route?: RouteType;
  readonly doc?: string;
}

interface ArgOpts<O extends boolean> { optional?: O; doc?: string }

function mk<K extends ArgKind, O extends boolean>(kind: K, o: ArgOpts<O> & Partial<ArgDef> = {}): ArgDef<K, O> {
  return { ...o, kind, optional: (o.optional ?? false) as O };
}

export const arg = {
  int: <O extends boolean = false>(o?: ArgOpts<O> & { static?: boolean }) => mk('int', o),
  str: <O extends boolean = false>(o?: ArgOpts<O> & { static?: boolean; noExpand?: boolean; acceptsNumber?: boolean; route?: RouteType }) => mk('str', o),
  pvar: <O extends boolean = false>(o?: ArgOpts<O> & { writable?: boolean }) => mk('pvar', o),
  regex: <O extends boolean = false>(o?: ArgOpts<O> & { static?: boolean }) => mk('regex', o),
};

type KindValue<K extends ArgKind> =
  K extends 'int' ? number : K extends 'str' ? string : K extends 'pvar' ? PvarRef : RegExp;

/** The values `run` receives, position by position; an omitted optional argument is undefined. */
export type ArgValues<A extends readonly ArgDef[]> = {
  -readonly [I in keyof A]: A[I] extends ArgDef<infer K, infer O> ? (O extends true ? KindValue<K> | undefined : KindValue<K>) : never;
};

/** What a fixup sees at load time: each constant argument's value, `undefined` when the
 *  argument is a variable or omitted (then the check happens at call time). */
export type FixupArgs<A extends readonly ArgDef[]> = {
  -readonly [I in keyof A]: A[I] extends ArgDef<infer K> ? (K extends 'pvar' ? undefined : KindValue<K> | undefined) : never;
};

/** A problem a fixup found; the linker reports it at the argument (or the call). */
export interface FixupIssue { arg?: number; message: string; hint?: string }

/** OpenSIPS route types (route.h). */
export const ROUTE_TYPES = ['request', 'failure', 'onreply', 'branch', 'error', 'local', 'startup', 'timer', 'event'] as const;
export type RouteType = (typeof ROUTE_TYPES)[number];

/** OpenSIPS return convention: negative is false, positive true, 0 ends the script.
 *  A boolean is read as 1 / -1. */
export type FnResult = number | boolean;

export interface FnDef<A extends readonly ArgDef[] = readonly ArgDef[], S = any> {
  readonly args: A;
  readonly routes: readonly RouteType[] | 'all';
  readonly fixup?: (args: FixupArgs<A>) => FixupIssue | undefined;
  readonly run: (msg: MessageContext, st: S, ...args: ArgValues<A>) => FnResult | Promise<FnResult>;
  readonly doc: string;
}

/** Declares a script function; `run`'s argument types follow from `args`. */
export function fn<const A extends readonly ArgDef[], S>(d: FnDef<A, S>): FnDef<A, S> {
  return d;
}
