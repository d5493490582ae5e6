// The typed AST of the route-script language (script-language.md sections 2-8), and the
// small constructors the grammar's one-line actions call. Every node has a `type` (the
// discriminant) and a `loc`; calls and pseudo-variables also keep `nameLoc` so a caret can
// go under the name. Nodes are plain JSON (no classes, no cycles): `tsips --dump-ast` prints
// them and the round-trip test compares them with the locations stripped.
// Longer than most files on purpose: the whole node catalogue in one place is easier to
// read than the same interfaces spread over several files.
import { isIPv6 as netIsIPv6 } from 'node:net';
import type { Loc } from './diagnostics.js';
import type { DiagnosticCode } from './diagnostic-codes.js';

export type { Loc };

// ---- Literals and values ----

/** A quoted string, escapes already decoded (`"a\tb"` holds a real tab). */
export interface StringLit { type: 'String'; value: string; quote: '"' | "'"; loc: Loc }
/** Adjacent literals `"a" "b"`, legal only in modparam values and the xlog/xdbg format. */
export interface FoldedString { type: 'FoldedString'; value: string; parts: StringLit[]; loc: Loc }
/** Decimal, 0x hex, 0 octal, signed, or yes/no/true/false/on/off/enable/disable (1/0). */
export interface NumberLit { type: 'Number'; value: number; raw: string; loc: Loc }
export interface NullLit { type: 'Null'; raw: 'NULL' | 'null'; loc: Loc }
/** IPv4/IPv6 address, optionally a network (`10.0.0.0/8`, `::1/128`, `1.2.3.0/255.255.255.0`). */
export interface IpLit { type: 'Ip'; address: string; family: 4 | 6; mask: string | null; loc: Loc }
/** An unquoted word value of a global (`LOG_LOCAL0`, `epoll`, `my.host.example`). */
export interface WordLit { type: 'Word'; value: string; loc: Loc }
/** Text OpenSIPS reads with its own sub-grammar we only keep (blacklist rules). */
export interface RawValue { type: 'Raw'; text: string; loc: Loc }

// ---- Pseudo-variables (section 7.1) ----

export interface PVar {
  type: 'PVar';
  name: string;                 // class name: 'ru', 'var', 'hdr', 'T_reply_code' ...
  inner: PVarText | PVar | null; // the "(...)" part: $var(x) -> x, $hdr($var(h)) -> PVar
  index: PVarIndex | null;      // long form only: $(avp(x)[2])
  transforms: Transform[];      // long form only: $(ru{uri.user})
  context: string | null;       // $(<request>ru)
  long: boolean;                // written $( ... )
  nameLoc: Loc;
  loc: Loc;
}
export interface PVarText { type: 'PVarText'; value: string; loc: Loc }
export interface PVarIndex { type: 'PVarIndex'; value: number | '*' | 'append' | PVar; loc: Loc }
/** `{s.substr,0,5}`: name plus raw text or variable parameters, kept as written. */
export interface Transform { type: 'Transform'; name: string; args: (PVarText | PVar)[]; nameLoc: Loc; loc: Loc }

// ---- Expressions (section 6) ----

export type CompareOp = '==' | '!=' | '=~' | '!~' | '<' | '>' | '<=' | '>=';
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '|' | '&' | '^' | '<<' | '>>';
/** `pvar OP right`: OpenSIPS allows only a pseudo-variable on the left. */
export interface Compare { type: 'Compare'; op: CompareOp; left: PVar; right: CompareRight; loc: Loc }
export type CompareRight = StringLit | NumberLit | NullLit | IpLit | PVar;
/** `&&`/`and`, `||`/`or`: one precedence level, left to right (quirk 1). */
export interface Logical { type: 'Logical'; op: '&&' | '||'; left: Expr; right: Expr; loc: Loc }
export interface Not { type: 'Not'; operand: Expr; loc: Loc }
export interface Binary { type: 'Binary'; op: BinaryOp; left: Expr; right: Expr; loc: Loc }
export interface BitNot { type: 'BitNot'; operand: Expr; loc: Loc }
/** `[ value ]` inside a condition: the truth of a computed value. */
export interface ValueTest { type: 'ValueTest'; value: Expr; loc: Loc }
/** A syntax error inside an expression (kept so parsing goes on; reported by a pass). */
export interface BadExpr { type: 'BadExpr'; code: DiagnosticCode; message: string; hint: string | null; loc: Loc }

export type Expr =
  | Compare | Logical | Not | Binary | BitNot | ValueTest
  | StringLit | NumberLit | NullLit | PVar | Call | RouteCall | BadExpr;

// ---- Calls ----

export type Arg = StringLit | FoldedString | NumberLit | PVar | NullLit;
/** `name(args)`; an empty slot (`f(, "x")`) is null. xlog/log/error are calls too. */
export interface Call { type: 'Call'; name: string; args: (Arg | null)[]; nameLoc: Loc; loc: Loc }
/** A route name as written: identifier, number or quoted string (`route["my route"]`). */
export interface RouteName { type: 'RouteName'; value: string; form: 'ident' | 'number' | 'string'; loc: Loc }
export interface RouteCall { type: 'RouteCall'; target: RouteName | PVar; args: Arg[]; nameLoc: Loc; loc: Loc }

// ---- Statements (section 5) ----

export type AssignOp = '=' | ':=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=';
export interface Assign { type: 'Assign'; op: AssignOp; target: PVar; value: Expr; loc: Loc }
export interface Block { type: 'Block'; body: Statement[]; loc: Loc }
export interface If { type: 'If'; test: Expr; then: Statement; else: Statement | null; loc: Loc }
export interface Switch { type: 'Switch'; subject: PVar; cases: Case[]; loc: Loc }
/** `case LABEL:` or `default:` (label null) and the statements up to the next label. */
export interface Case { type: 'Case'; label: StringLit | NumberLit | null; body: Statement[]; loc: Loc }
export interface While { type: 'While'; test: Expr; body: Statement; loc: Loc }
export interface ForEach { type: 'ForEach'; variable: PVar; collection: PVar; body: Statement; loc: Loc }
export interface Break { type: 'Break'; loc: Loc }
export interface Exit { type: 'Exit'; parens: boolean; loc: Loc }
export interface Drop { type: 'Drop'; parens: boolean; loc: Loc }
/** `return`, `return N`, `return(N)`, `return(N, v1 ...)`, `return(, v1)` (3.6+). */
export interface Return { type: 'Return'; code: Arg | null; values: (Arg | null)[]; parens: boolean; loc: Loc }
export interface Async { type: 'Async'; call: Call; resume: RouteName; timeout: NumberLit | null; loc: Loc }
export interface Launch { type: 'Launch'; call: Call; report: RouteName | null; format: StringLit | null; loc: Loc }
export interface Assert { type: 'Assert'; test: Expr; message: StringLit | null; loc: Loc }
export interface Empty { type: 'Empty'; loc: Loc }
/** A statement the grammar could not read; message null = say what was expected there. */
export interface BadStatement {
  type: 'BadStatement'; code: DiagnosticCode; message: string | null; hint: string | null;
  text: string; parsed: Statement | null; loc: Loc;
}

export type Statement =
  | Block | If | Switch | While | ForEach | Break | Exit | Drop | Return | Assign
  | Call | RouteCall | Async | Launch | Assert | Empty | Include | BadStatement;

// ---- Top level (sections 2-4) ----

export type RouteKind =
  | 'route' | 'branch_route' | 'failure_route' | 'onreply_route' | 'reply_route'
  | 'local_route' | 'startup_route' | 'timer_route' | 'event_route' | 'error_route';
/** A route block; `reply_route` keeps its spelling (an alias of onreply_route, DECISIONS.md). */
export interface Route {
  type: 'Route'; kind: RouteKind; name: RouteName | null;
  interval: NumberLit | null;   // timer_route[name, seconds]
  mode: 'sync' | 'async' | null; // event_route[name, sync] (2.x form, kept for a later error)
  body: Statement[]; kindLoc: Loc; loc: Loc;
}
export interface Global {
  type: 'Global'; name: string;
  value: StringLit | FoldedString | NumberLit | IpLit | WordLit | RawValue | NullLit;
  scalingProfile: string | null; // udp_workers = 4 use_auto_scaling_profile P
  nameLoc: Loc; loc: Loc;
}
export type HostKind = 'ipv4' | 'ipv6' | 'name' | 'any' | 'string';
export interface Host { type: 'Host'; value: string; kind: HostKind; loc: Loc }
export interface PortRange { from: number; to: number }
export interface SocketParam { type: 'SocketParam'; name: string; value: string | number | null; ports: PortRange[] | null; host: Host | null; loc: Loc }
/** `socket=`/`listen=` (keyword kept: listen warns "deprecated") proto:host[:ports] params. */
export interface Socket {
  type: 'Socket'; keyword: 'socket' | 'listen'; proto: string; host: Host; ports: PortRange[];
  params: (SocketParam | BadExpr)[]; nameLoc: Loc; loc: Loc;
}
export interface Alias { type: 'Alias'; proto: string | null; host: Host; port: number | null; acceptSubdomain: boolean; loc: Loc }
export interface MPath { type: 'MPath'; paths: StringLit[]; loc: Loc }
export interface LoadModule { type: 'LoadModule'; path: StringLit; loc: Loc }
export interface ModParam {
  type: 'ModParam'; module: StringLit; param: StringLit;
  value: StringLit | FoldedString | NumberLit; loc: Loc;
}
/**
 * `include_file "x"` / `import_file 'x'`, at top level or as a statement. The loader keeps the
 * directive and splices the file's items right after it: `expanded` is how many follow (so a
 * printer can skip them), `resolved` the file name they carry in their locs.
 */
export interface Include {
  type: 'Include'; keyword: 'include_file' | 'import_file'; path: StringLit;
  resolved: string | null; expanded: number; loc: Loc;
}
export interface BadTopLevel { type: 'BadTopLevel'; code: DiagnosticCode; message: string | null; hint: string | null; text: string; loc: Loc }

export type TopLevel = Route | Global | Socket | Alias | MPath | LoadModule | ModParam | Include | BadTopLevel;
export interface Script { type: 'Script'; items: TopLevel[]; loc: Loc }

export type Node =
  | Script | TopLevel | Statement | Expr | Case | Transform | PVarText | PVarIndex | RouteName
  | FoldedString | IpLit | WordLit | RawValue | Host | SocketParam;

// ---- Constructors (one per grammar action) ----

export const script = (items: TopLevel[], loc: Loc): Script => ({ type: 'Script', items, loc });
export const str = (value: string, quote: '"' | "'", loc: Loc): StringLit => ({ type: 'String', value, quote, loc });
export const folded = (parts: StringLit[], loc: Loc): StringLit | FoldedString =>
  parts.length === 1 ? parts[0] : { type: 'FoldedString', value: parts.map((p) => p.value).join(''), parts, loc };
export const num = (raw: string, loc: Loc): NumberLit => ({ type: 'Number', value: numberValue(raw), raw, loc });
export const nul = (raw: 'NULL' | 'null', loc: Loc): NullLit => ({ type: 'Null', raw, loc });
export const ip = (address: string, family: 4 | 6, mask: string | null, loc: Loc): IpLit =>
  ({ type: 'Ip', address, family, mask, loc });
export const word = (value: string, loc: Loc): WordLit => ({ type: 'Word', value, loc });
export const raw = (text: string, loc: Loc): RawValue => ({ type: 'Raw', text, loc });

export const pvar = (
  name: string, inner: PVarText | PVar | null, index: PVarIndex | null, transforms: Transform[],
  context: string | null, long: boolean, nameLoc: Loc, loc: Loc,
): PVar => ({ type: 'PVar', name, inner, index, transforms, context, long, nameLoc, loc });
export const pvText = (value: string, loc: Loc): PVarText => ({ type: 'PVarText', value, loc });
export const pvIndex = (value: number | '*' | 'append' | PVar, loc: Loc): PVarIndex => ({ type: 'PVarIndex', value, loc });
export const transform = (name: string, args: (PVarText | PVar)[], nameLoc: Loc, loc: Loc): Transform =>
  ({ type: 'Transform', name, args, nameLoc, loc });

export const compare = (left: PVar, op: CompareOp, right: CompareRight, loc: Loc): Compare =>
  ({ type: 'Compare', op, left, right, loc });
export const not = (operand: Expr, loc: Loc): Not => ({ type: 'Not', operand, loc });
export const bitNot = (operand: Expr, loc: Loc): BitNot => ({ type: 'BitNot', operand, loc });
export const valueTest = (value: Expr, loc: Loc): ValueTest => ({ type: 'ValueTest', value, loc });
export const badExpr = (code: DiagnosticCode, message: string, hint: string | null, loc: Loc): BadExpr =>
  ({ type: 'BadExpr', code, message, hint, loc });

/** Left fold of `head (op operand)*`: every binary level in OpenSIPS is left-associative. */
export function chain(head: Expr, tail: [string, Expr, Loc][], start: Loc): Expr {
  let left = head;
  for (const [op, right, end] of tail) {
    const loc = span(start, end);
    left = op === '&&' || op === '||'
      ? { type: 'Logical', op, left, right, loc }
      : { type: 'Binary', op: op as BinaryOp, left, right, loc };
  }
  return left;
}

export const call = (name: string, args: (Arg | null)[], nameLoc: Loc, loc: Loc): Call =>
  ({ type: 'Call', name, args, nameLoc, loc });
/** `f()` has no argument; `f(,)` has two empty ones. */
export const argList = (first: Arg | null, rest: (Arg | null)[]): (Arg | null)[] =>
  first === null && rest.length === 0 ? [] : [first, ...rest];
export const routeName = (value: string, form: RouteName['form'], loc: Loc): RouteName =>
  ({ type: 'RouteName', value, form, loc });
export const routeCall = (target: RouteName | PVar, args: Arg[], nameLoc: Loc, loc: Loc): RouteCall =>
  ({ type: 'RouteCall', target, args, nameLoc, loc });

export const assign = (target: PVar, op: AssignOp, value: Expr, loc: Loc): Assign => ({ type: 'Assign', op, target, value, loc });
export const block = (body: Statement[], loc: Loc): Block => ({ type: 'Block', body, loc });
export const ifStmt = (test: Expr, then: Statement, alt: Statement | null, loc: Loc): If =>
  ({ type: 'If', test, then, else: alt, loc });
export const switchStmt = (subject: PVar, cases: Case[], loc: Loc): Switch => ({ type: 'Switch', subject, cases, loc });
export const caseClause = (label: StringLit | NumberLit | null, body: Statement[], loc: Loc): Case =>
  ({ type: 'Case', label, body, loc });
export const whileStmt = (test: Expr, body: Statement, loc: Loc): While => ({ type: 'While', test, body, loc });
export const forEach = (variable: PVar, collection: PVar, body: Statement, loc: Loc): ForEach =>
  ({ type: 'ForEach', variable, collection, body, loc });
export const breakStmt = (loc: Loc): Break => ({ type: 'Break', loc });
export const exit = (parens: boolean, loc: Loc): Exit => ({ type: 'Exit', parens, loc });
export const drop = (parens: boolean, loc: Loc): Drop => ({ type: 'Drop', parens, loc });
export const ret = (code: Arg | null, values: (Arg | null)[], parens: boolean, loc: Loc): Return =>
  ({ type: 'Return', code, values, parens, loc });
export const asyncStmt = (c: Call, resume: RouteName, timeout: NumberLit | null, loc: Loc): Async =>
  ({ type: 'Async', call: c, resume, timeout, loc });
export const launch = (c: Call, report: RouteName | null, format: StringLit | null, loc: Loc): Launch =>
  ({ type: 'Launch', call: c, report, format, loc });
export const assertStmt = (test: Expr, message: StringLit | null, loc: Loc): Assert => ({ type: 'Assert', test, message, loc });
export const empty = (loc: Loc): Empty => ({ type: 'Empty', loc });
export const badStmt = (
  code: DiagnosticCode, message: string | null, hint: string | null, text: string, loc: Loc, parsed: Statement | null = null,
): BadStatement => ({ type: 'BadStatement', code, message, hint, text, parsed, loc });

/** Recovery: a statement that parsed but has no ';' before the end of its line. */
export const missingSemicolon = (parsed: Statement, at: Loc, text: string): BadStatement =>
  badStmt('TSIPS_SYNTAX_MISSING_SEMICOLON', "expected ';' after statement", null, text, at, parsed);
/** Recovery: `t_relay;` is a name without the parentheses of a call. */
export const bareWord = (name: string, loc: Loc): BadStatement =>
  badStmt('TSIPS_SYNTAX_BARE_WORD', `bare word '${name}' found, command calls need '()'`, `write ${name}()`, name, loc);
/** Recovery: a '{' whose '}' never comes (end of file, or a new top-level block starts). */
export const unclosedBlock = (open: Loc, at: Loc): BadStatement =>
  badStmt('TSIPS_SYNTAX_UNTERMINATED', "unclosed block: expected '}'",
    `the block opened at line ${open.line} is still open at line ${at.line}`, '{', open);
export const notAComment = (text: string, loc: Loc): BadStatement =>
  badStmt('TSIPS_SYNTAX', "'//' does not start a comment in OpenSIPS scripts", "use '#' or '/* ... */'", text, loc);
export const unterminatedComment = (loc: Loc): BadStatement =>
  badStmt('TSIPS_SYNTAX_UNTERMINATED', "unterminated comment: '/*' has no matching '*/'", null, '/*', loc);
export const elseWithoutIf = (loc: Loc): BadStatement =>
  badStmt('TSIPS_SYNTAX', "'else' without a matching 'if'", 'an if without braces ends after its first statement', 'else', loc);
export const unknownSocketParam = (text: string, loc: Loc): BadExpr =>
  badExpr('TSIPS_SYNTAX', `unknown socket parameter '${text.split(/[ \t]/)[0]}'`,
    'socket parameters: as, use_workers, tag, anycast, frag, reuse_port, accept_subdomain, tos, use_auto_scaling_profile', loc);
export const topFromStatement = (s: BadStatement): BadTopLevel => badTop(s.code, s.message, s.hint, s.text, s.loc);
export const unknownRouteType = (name: string, loc: Loc): BadTopLevel =>
  badTop('TSIPS_SYNTAX_UNKNOWN_ROUTE', `unknown route type '${name}'`,
    'route types: route, branch_route, failure_route, onreply_route, local_route, startup_route, timer_route, event_route, error_route',
    name, loc);
export const topLevelSemicolon = (loc: Loc): BadTopLevel =>
  badTop('TSIPS_SYNTAX', "unexpected ';' at top level", 'globals and module statements take no ;', ';', loc);

export const route = (
  kind: RouteKind, name: RouteName | null, interval: NumberLit | null, mode: 'sync' | 'async' | null,
  body: Statement[], kindLoc: Loc, loc: Loc,
): Route => ({ type: 'Route', kind, name, interval, mode, body, kindLoc, loc });
/** `kind[name, extra] { body }`: extra is a timer interval or an event_route sync/async mode. */
export const routeBlock = (
  kind: { kind: RouteKind; loc: Loc }, head: { name: RouteName; extra: NumberLit | 'sync' | 'async' | null } | null,
  body: Block, loc: Loc,
): Route => {
  const extra = head?.extra ?? null;
  return route(kind.kind, head?.name ?? null, typeof extra === 'object' ? extra : null,
    typeof extra === 'string' ? extra : null, body.body, kind.loc, loc);
};
export const global = (name: string, value: Global['value'], scalingProfile: string | null, nameLoc: Loc, loc: Loc): Global =>
  ({ type: 'Global', name, value, scalingProfile, nameLoc, loc });
export const host = (value: string, kind: HostKind, loc: Loc): Host => ({ type: 'Host', value, kind, loc });
export const portRange = (from: string, to: string | null): PortRange => ({ from: Number(from), to: Number(to ?? from) });
export const socketParam = (
  name: string, value: string | number | null, loc: Loc, h: Host | null = null, ports: PortRange[] | null = null,
): SocketParam => ({ type: 'SocketParam', name, value, ports, host: h, loc });
export const socket = (
  keyword: 'socket' | 'listen', proto: string, h: Host, ports: PortRange[] | null, params: (SocketParam | BadExpr)[], nameLoc: Loc, loc: Loc,
): Socket => ({ type: 'Socket', keyword, proto, host: h, ports: ports ?? [], params, nameLoc, loc });
export const alias = (proto: string | null, h: Host, port: string | null, acceptSubdomain: boolean, loc: Loc): Alias =>
  ({ type: 'Alias', proto, host: h, port: port === null ? null : Number(port), acceptSubdomain, loc });
export const mpath = (paths: StringLit[], loc: Loc): MPath => ({ type: 'MPath', paths, loc });
export const loadModule = (path: StringLit, loc: Loc): LoadModule => ({ type: 'LoadModule', path, loc });
export const modParam = (module: StringLit, param: StringLit, value: ModParam['value'], loc: Loc): ModParam =>
  ({ type: 'ModParam', module, param, value, loc });
export const include = (keyword: Include['keyword'], path: StringLit, loc: Loc): Include =>
  ({ type: 'Include', keyword, path, resolved: null, expanded: 0, loc });
export const badTop = (code: DiagnosticCode, message: string | null, hint: string | null, text: string, loc: Loc): BadTopLevel =>
  ({ type: 'BadTopLevel', code, message, hint, text, loc });

// ---- Lexical helpers the grammar calls (pure functions) ----

const ROUTE_KINDS = new Set<string>([
  'route', 'branch_route', 'failure_route', 'onreply_route', 'reply_route', 'local_route',
  'startup_route', 'timer_route', 'event_route', 'error_route',
]);
export const isRouteKind = (word: string): word is RouteKind => ROUTE_KINDS.has(word);

// Keywords of cfg.lex that can never name a function.
const RESERVED = new Set([
  'if', 'else', 'switch', 'case', 'default', 'break', 'while', 'for', 'in', 'return', 'exit', 'drop',
  'route', 'async', 'launch', 'assert', 'include_file', 'import_file', 'loadmodule', 'modparam',
]);
export const isReservedWord = (word: string): boolean => RESERVED.has(word);
export const isModuleStatementWord = (word: string): boolean => word === 'loadmodule' || word === 'modparam' || word === 'mpath';

export const isIPv6 = (text: string): boolean => netIsIPv6(text);

/** Offsets at which each line of `text` starts (line 1 at index 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The loc of [start, end) in a text with the given line starts. */
export function locOf(file: string, starts: readonly number[], start: number, end: number): Loc {
  const line = lineIndex(starts, start);
  const endLine = end === start ? line : lineIndex(starts, end, line);
  return { file, line: line + 1, col: start - starts[line] + 1, endLine: endLine + 1, endCol: end - starts[endLine] + 1 };
}

function lineIndex(starts: readonly number[], pos: number, from = 0): number {
  let lo = from;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** A location from the start of `a` to the end of `b`. */
export const span = (a: Loc, b: Loc): Loc => ({ ...a, endLine: b.endLine, endCol: b.endCol });

/** C-int value of a number token: wraps to 32 bits (4294967297 is 1), booleans are 1/0. */
export function numberValue(raw: string): number {
  const word = BOOL_WORDS[raw];
  if (word !== undefined) return word;
  const sign = raw[0] === '-' ? -1 : 1;
  const body = raw[0] === '-' || raw[0] === '+' ? raw.slice(1) : raw;
  const n = body.startsWith('0x') ? parseInt(body.slice(2), 16)
    : body.length > 1 && body[0] === '0' ? parseInt(body.slice(1), 8) : Number(body);
  return (sign * n) | 0;
}
const BOOL_WORDS: Record<string, number> = {
  yes: 1, true: 1, on: 1, enable: 1, no: 0, false: 0, off: 0, disable: 0,
};

/**
 * Decodes the inside of a "..." literal as cfg.lex does: \n \r \t \a \" \\, \xH(H), \ooo with
 * 2 or 3 octal digits (so regex back-references like \1 survive), backslash-newline dropped
 * (quirk 21); any other backslash is kept with its character ("\d" stays \d).
 */
export function decodeDoubleQuoted(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{2,3}|\r?\n|[\s\S])/g, (all, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 'r': return '\r';
      case '\r': case '\n': return ''; // backslash-newline is a continuation
      case 't': return '\t';
      case 'a': return '\x07';
      case '"': return '"';
      case '\\': return '\\';
      case 'x': return e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : all;
      default: return /^[0-7]{2,3}$/.test(e) ? String.fromCharCode(parseInt(e, 8) & 0xff) : all;
    }
  });
}

/** The inside of a transformation parameter: `\,` and `\}` stand for the plain characters. */
export const decodeTransformArg = (text: string): string => text.replace(/\\([,}])/g, '$1');
