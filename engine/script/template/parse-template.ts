// Formatted strings ("Hello $fU", "$(ru{uri.user})", "100$$"): the grammar keeps string
// contents as plain text, so the variables inside are found here, once, at link time, and
// returned as the same PVar nodes code variables are (so one set of checks covers both).
// Quirk 16 kept: '.' belongs to a short name, so "$rm." names the unknown variable `rm.`.
import * as ast from '../ast.js';
import type { Loc } from '../diagnostics.js';

export type TemplatePart = string | ast.PVar;
export interface TemplateProblem { message: string; loc: Loc }
export interface ParsedTemplate { parts: TemplatePart[]; problems: TemplateProblem[] }

/** Whether a variable class takes an inner name: decides if `$x(` opens one in a string. */
export type InnerOf = (name: string) => 'none' | 'required' | 'optional' | undefined;

const NAME = /[A-Za-z0-9_.]/;

/** True when the text has something to expand; a plain string stays a constant. */
export const hasVariables = (text: string): boolean => text.includes('$');

export function parseTemplate(text: string, at: Loc, innerOf: InnerOf): ParsedTemplate {
  const p = new TemplateParser(text, at, innerOf);
  return { parts: p.parseAll(), problems: p.problems };
}

class TemplateParser {
  pos = 0;
  readonly problems: TemplateProblem[] = [];
  constructor(readonly text: string, readonly at: Loc, readonly innerOf: InnerOf) {}

  /** The loc of text offsets [a, b): after the opening quote of the literal. */
  loc(a: number, b: number): Loc {
    const before = this.text.slice(0, a);
    const nl = before.lastIndexOf('\n');
    const line = this.at.line + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? this.at.col + 1 + a : a - nl;
    return { file: this.at.file, line, col, endLine: line, endCol: col + Math.max(1, b - a) };
  }

  parseAll(): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let buf = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c !== '$') { buf += c; this.pos++; continue; }
      if (this.text[this.pos + 1] === '$') { buf += '$'; this.pos += 2; continue; }
      const v = this.parsePVar();
      if (v === undefined) { buf += '$'; this.pos++; continue; }
      if (buf) parts.push(buf);
      buf = '';
      parts.push(v);
    }
    if (buf) parts.push(buf);
    return parts;
  }

  /** At a '$': a short or long variable, or undefined when no name follows. */
  parsePVar(): ast.PVar | undefined {
    const start = this.pos;
    if (this.text[start + 1] === '(') return this.parseLong(start);
    let k = start + 1;
    while (k < this.text.length && NAME.test(this.text[k])) k++;
    if (k === start + 1) return undefined;
    const name = this.text.slice(start + 1, k);
    this.pos = k;
    let inner: ast.PVarText | ast.PVar | null = null;
    const takes = this.innerOf(name);
    if (this.text[k] === '(' && takes !== 'none') inner = this.parseInner();
    return ast.pvar(name, inner, null, [], null, false, this.loc(start + 1, k), this.loc(start, this.pos));
  }

  /** `(inner)` at pos: a nested variable or text up to the matching ')'. */
  parseInner(): ast.PVarText | ast.PVar | null {
    this.pos++; // (
    if (this.text[this.pos] === '$') {
      const v = this.parsePVar();
      if (v && this.text[this.pos] === ')') { this.pos++; return v; }
    }
    const a = this.pos;
    const close = this.text.indexOf(')', a);
    if (close < 0) { this.problems.push({ message: "unclosed '(' in a variable name", loc: this.loc(a - 1, a) }); this.pos = this.text.length; return null; }
    this.pos = close + 1;
    return ast.pvText(this.text.slice(a, close), this.loc(a, close));
  }

  /** `$( [<ctx>] name [(inner)] [[index]] {tr}* )`. */
  parseLong(start: number): ast.PVar | undefined {
    this.pos = start + 2;
    let context: string | null = null;
    if (this.text[this.pos] === '<') {
      const e = this.text.indexOf('>', this.pos);
      if (e > 0) { context = this.text.slice(this.pos + 1, e); this.pos = e + 1; }
    }
    const a = this.pos;
    while (this.pos < this.text.length && NAME.test(this.text[this.pos])) this.pos++;
    const name = this.text.slice(a, this.pos);
    const nameLoc = this.loc(a, this.pos);
    if (!name) { this.problems.push({ message: 'a variable name is expected after $(', loc: this.loc(start, start + 2) }); return undefined; }
    let inner: ast.PVarText | ast.PVar | null = null;
    if (this.text[this.pos] === '(') inner = this.parseInner();
    let index: ast.PVarIndex | null = null;
    if (this.text[this.pos] === '[') index = this.parseIndex();
    const transforms: ast.Transform[] = [];
    for (;;) {
      while (this.text[this.pos] === ' ') this.pos++;
      if (this.text[this.pos] !== '{') break;
      transforms.push(this.parseTransform());
    }
    if (this.text[this.pos] !== ')') {
      this.problems.push({ message: `unclosed variable $(${name}: ')' expected`, loc: this.loc(start, this.pos) });
    } else this.pos++;
    return ast.pvar(name, inner, index, transforms, context, true, nameLoc, this.loc(start, this.pos));
  }

  parseIndex(): ast.PVarIndex {
    const a = ++this.pos;
    let value: ast.PVarIndex['value'] = 0;
    if (this.text[a] === '$') value = this.parsePVar() ?? 0;
    const close = this.text.indexOf(']', this.pos);
    const raw = this.text.slice(a, close < 0 ? this.text.length : close).trim();
    if (typeof value === 'number') {
      if (raw === '*' || raw === 'append') value = raw;
      else if (/^-?\d+$/.test(raw)) value = Number(raw);
      else this.problems.push({ message: `bad index [${raw}]: a number, *, append or a variable is expected`, loc: this.loc(a, close) });
    }
    this.pos = close < 0 ? this.text.length : close + 1;
    return ast.pvIndex(value, this.loc(a - 1, this.pos));
  }

  parseTransform(): ast.Transform {
    const a = ++this.pos;
    const args: (ast.PVarText | ast.PVar)[] = [];
    while (this.pos < this.text.length && !',}'.includes(this.text[this.pos])) this.pos++;
    const name = this.text.slice(a, this.pos);
    const nameLoc = this.loc(a, this.pos);
    while (this.text[this.pos] === ',') {
      const b = ++this.pos;
      if (this.text[b] === '$') {
        const v = this.parsePVar();
        if (v && (this.text[this.pos] === ',' || this.text[this.pos] === '}')) { args.push(v); continue; }
        this.pos = b;
      }
      let raw = '';
      while (this.pos < this.text.length && !',}'.includes(this.text[this.pos])) {
        if (this.text[this.pos] === '\\' && ',}'.includes(this.text[this.pos + 1] ?? '')) this.pos++;
        raw += this.text[this.pos++];
      }
      args.push(ast.pvText(raw, this.loc(b, this.pos)));
    }
    if (this.text[this.pos] === '}') this.pos++;
    else this.problems.push({ message: `unclosed transformation {${name}`, loc: this.loc(a - 1, this.pos) });
    return ast.transform(name, args, nameLoc, this.loc(a - 1, this.pos));
  }
}
