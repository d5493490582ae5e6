// Prints an AST back as script text. Parsing the output gives the same tree (locations
// aside): the round-trip test checks this over the whole corpus. Layout is canonical (tab
// indent, one statement a line); parentheses come from precedence, since the AST keeps none.
// Spliced include content (items after an Include with `expanded` > 0) is not printed: the
// directive is, so a loaded script prints as its main file.
import type {
  Alias, Arg, Call, Expr, Global, Host, PortRange, PVar, Route, RouteName, Script, Socket, Statement,
  StringLit, FoldedString, TopLevel, Transform,
} from './ast.js';

export function printScript(script: Script): string {
  const out: string[] = [];
  const items = script.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.type === 'Route' && out.length) out.push('');
    out.push(printTopLevel(item));
    if (item.type === 'Include') i += item.expanded;
  }
  return out.join('\n') + '\n';
}

export function printTopLevel(item: TopLevel): string {
  switch (item.type) {
    case 'Route': return printRoute(item);
    case 'Global': return printGlobal(item);
    case 'Socket': return printSocket(item);
    case 'Alias': return printAlias(item);
    case 'MPath': return `mpath=${item.paths.map(printString).join(' : ')}`;
    case 'LoadModule': return `loadmodule ${printString(item.path)}`;
    case 'ModParam': return `modparam(${printString(item.module)}, ${printString(item.param)}, ${printArg(item.value)})`;
    case 'Include': return `${item.keyword} ${printString(item.path)}`;
    case 'BadTopLevel': return item.text;
  }
}

function printRoute(r: Route): string {
  const extra = r.interval ? `, ${r.interval.raw}` : r.mode ? `, ${r.mode}` : '';
  const head = r.name ? `[${printRouteName(r.name)}${extra}]` : '';
  return `${r.kind}${head} ${printBody(r.body, 0)}`;
}

function printGlobal(g: Global): string {
  const v = g.value;
  const value = v.type === 'Word' ? v.value : v.type === 'Raw' ? v.text : printArg(v);
  return `${g.name}=${value}${g.scalingProfile ? ` use_auto_scaling_profile ${g.scalingProfile}` : ''}`;
}

function printSocket(s: Socket): string {
  const params = s.params.map((p) => {
    if (p.type === 'BadExpr') return '';
    if (p.name === 'as') return ` as ${printHost(p.host!)}${printPorts(p.ports ?? [])}`;
    return p.value === null ? ` ${p.name}` : ` ${p.name} ${p.value}`;
  });
  return `${s.keyword}=${s.proto}:${printHost(s.host)}${printPorts(s.ports)}${params.join('')}`;
}

function printAlias(a: Alias): string {
  return `alias=${a.proto ? a.proto + ':' : ''}${printHost(a.host)}${a.port !== null ? ':' + a.port : ''}${a.acceptSubdomain ? ' accept_subdomain' : ''}`;
}

function printHost(h: Host): string {
  if (h.kind === 'ipv6') return `[${h.value}]`;
  if (h.kind === 'string') return quote(h.value);
  return h.value;
}

function printPorts(ports: readonly PortRange[]): string {
  return ports.length ? ':' + ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(',') : '';
}

// ---- Statements ----

function printBody(body: readonly Statement[], depth: number): string {
  if (body.length === 0) return '{\n' + indent(depth) + '}';
  return '{\n' + printStatements(body, depth + 1) + '\n' + indent(depth) + '}';
}

function printStatements(body: readonly Statement[], depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const s = body[i];
    lines.push(indent(depth) + printStatement(s, depth));
    if (s.type === 'Include') i += s.expanded;
  }
  return lines.join('\n');
}

export function printStatement(s: Statement, depth = 0): string {
  switch (s.type) {
    case 'Block': return printBody(s.body, depth);
    case 'If': {
      const then = printArm(s.then, depth);
      if (!s.else) return `if (${printExpr(s.test)}) ${then}`;
      const sep = s.then.type === 'Block' ? ' ' : '\n' + indent(depth);
      const alt = s.else.type === 'If' || s.else.type === 'Block' ? printStatement(s.else, depth) : printArm(s.else, depth);
      return `if (${printExpr(s.test)}) ${then}${sep}else ${alt}`;
    }
    case 'Switch': {
      const cases = s.cases.map((c) => {
        const label = c.label === null ? 'default:' : `case ${c.label.type === 'Number' ? c.label.raw : printString(c.label)}:`;
        return indent(depth + 1) + label + (c.body.length ? '\n' + printStatements(c.body, depth + 2) : '');
      });
      return `switch (${printPVar(s.subject)}) {\n${cases.join('\n')}\n${indent(depth)}}`;
    }
    case 'While': return `while (${printExpr(s.test)}) ${printArm(s.body, depth)}`;
    case 'ForEach': return `for (${printPVar(s.variable)} in ${printPVar(s.collection)}) ${printArm(s.body, depth)}`;
    case 'Break': return 'break;';
    case 'Exit': return s.parens ? 'exit();' : 'exit;';
    case 'Drop': return s.parens ? 'drop();' : 'drop;';
    case 'Return':
      if (s.parens) return `return(${[s.code, ...s.values].map(printOptArg).join(', ')});`;
      return s.code ? `return ${printArg(s.code)};` : 'return;';
    case 'Assign': return `${printPVar(s.target)} ${s.op} ${printExpr(s.value)};`;
    case 'Call': case 'RouteCall': return `${printExpr(s)};`;
    case 'Async': return `async(${printCall(s.call)}, ${printRouteName(s.resume)}${s.timeout ? ', ' + s.timeout.raw : ''});`;
    case 'Launch': {
      const rest = [s.report ? printRouteName(s.report) : null, s.format ? printString(s.format) : null].filter((x) => x !== null);
      return `launch(${[printCall(s.call), ...rest].join(', ')});`;
    }
    case 'Assert': return `assert(${printExpr(s.test)}${s.message ? ', ' + printString(s.message) : ''});`;
    case 'Empty': return ';';
    case 'Include': return `${s.keyword} ${printString(s.path)}`;
    case 'BadStatement': return s.text;
  }
}

/** An if/while arm: a block stays on the line, a single statement goes on the next one. */
function printArm(s: Statement, depth: number): string {
  return s.type === 'Block' ? printStatement(s, depth) : '\n' + indent(depth + 1) + printStatement(s, depth + 1);
}

// ---- Expressions ----

// Binding strength, higher binds tighter: conditions || && (1) < ! (2); values bitwise (3)
// < arithmetic (4) < ~ (5); everything else is a primary.
function level(e: Expr): number {
  switch (e.type) {
    case 'Logical': return 1;
    case 'Not': return 2;
    case 'Binary': return '+-*/%'.includes(e.op) ? 4 : 3;
    case 'BitNot': return 5;
    default: return 9;
  }
}

export function printExpr(e: Expr): string {
  switch (e.type) {
    case 'Logical': case 'Binary': {
      const l = level(e);
      const left = level(e.left) < l ? `(${printExpr(e.left)})` : printExpr(e.left);
      const right = level(e.right) <= l ? `(${printExpr(e.right)})` : printExpr(e.right);
      return `${left} ${e.op} ${right}`;
    }
    case 'Not': return '!' + (level(e.operand) < 2 ? `(${printExpr(e.operand)})` : printExpr(e.operand));
    case 'BitNot': return '~' + (level(e.operand) < 5 ? `(${printExpr(e.operand)})` : printExpr(e.operand));
    case 'Compare': return `${printPVar(e.left)} ${e.op} ${printArg(e.right)}`;
    case 'ValueTest': return `[${printExpr(e.value)}]`;
    case 'Call': return printCall(e);
    case 'RouteCall': {
      const target = e.target.type === 'PVar' ? printPVar(e.target) : printRouteName(e.target);
      return `route(${[target, ...e.args.map(printArg)].join(', ')})`;
    }
    case 'BadExpr': return '';
    default: return printArg(e as Arg);
  }
}

function printCall(c: Call): string {
  return `${c.name}(${c.args.map(printOptArg).join(', ')})`;
}

function printOptArg(a: Arg | null): string {
  return a === null ? '' : printArg(a);
}

function printArg(a: Arg | { type: 'Ip'; address: string; mask: string | null }): string {
  switch (a.type) {
    case 'String': return printString(a);
    case 'FoldedString': return printFolded(a);
    case 'Number': return a.raw;
    case 'Null': return a.raw;
    case 'PVar': return printPVar(a);
    case 'Ip': return a.mask === null ? a.address : `${a.address}/${a.mask}`;
  }
}

function printRouteName(n: RouteName): string {
  return n.form === 'string' ? quote(n.value) : n.value;
}

// ---- Pseudo-variables and literals ----

export function printPVar(p: PVar): string {
  const inner = p.inner === null ? '' : `(${p.inner.type === 'PVar' ? printPVar(p.inner) : p.inner.value})`;
  const idx = p.index === null ? '' : `[${typeof p.index.value === 'object' ? printPVar(p.index.value) : p.index.value}]`;
  const tr = p.transforms.map(printTransform).join('');
  const body = `${p.context ? `<${p.context}>` : ''}${p.name}${inner}${idx}${tr}`;
  return p.long ? `$(${body})` : `$${body}`;
}

function printTransform(t: Transform): string {
  const args = t.args.map((a) => ',' + (a.type === 'PVar' ? printPVar(a) : a.value.replace(/[,}]/g, '\\$&')));
  return `{${t.name}${args.join('')}}`;
}

function printFolded(f: FoldedString): string {
  return f.parts.map(printString).join(' ');
}

export function printString(s: StringLit): string {
  return s.quote === "'" ? `'${s.value}'` : quote(s.value);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x07': '\\a' };

/** A double-quoted literal that decodes back to `value` (see decodeDoubleQuoted). */
function quote(value: string): string {
  return '"' + value.replace(/[\\"\n\r\t\x07]|[\x00-\x1f]/g, (c) =>
    ESCAPES[c] ?? '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0')) + '"';
}

function indent(depth: number): string {
  return '\t'.repeat(depth);
}
