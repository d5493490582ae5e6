// Checks each call's arguments against the function's declaration (script-language.md
// 10.2-10.3, moved to link time so they are reported with everything else): the count,
// empty slots, each argument's kind, regex constants, formatted strings, and the
// function's own fixup on its constant arguments.
import type * as ast from '../ast.js';
import type { ArgDef, FixupIssue } from '../../modules/functions.js';
import type { Diagnostics } from '../diagnostics.js';
import { compilePosixRegex } from '../posix-regex.js';
import { printArg } from './print-arg.js';
import type { FunctionEntry, LinkEnv } from './link-env.js';
import { checkTemplate } from './templates.js';
import { forEachRouteNode } from './walk-routes.js';
import { ROUTE_TYPE_LABEL, routeNamesOf } from './route-table.js';

export function reportArguments(script: ast.Script, env: LinkEnv, out: Diagnostics): void {
  forEachRouteNode(script, (n) => {
    if (n.type !== 'Call') return;
    const f = env.functions.get(n.name);
    if (f && checkCount(n, f, out)) checkKinds(n, f, env, out);
  });
}

function checkCount(c: ast.Call, f: FunctionEntry, out: Diagnostics): boolean {
  const decl = f.def.args as readonly ArgDef[];
  const mandatory = decl.reduce((m, a, i) => (a.optional ? m : i + 1), 0);
  const k = c.args.length;
  const range = mandatory === decl.length ? `${decl.length}` : `${mandatory} to ${decl.length}`;
  if (k < mandatory || k > decl.length) {
    out.error('TSIPS_LINK_ARG_COUNT', c.nameLoc,
      `too ${k < mandatory ? 'few' : 'many'} arguments for ${c.name}(): it takes ${range}, got ${k}`);
    return false;
  }
  let ok = true;
  c.args.forEach((a, i) => {
    if (a === null && !decl[i].optional) {
      out.error('TSIPS_LINK_ARG_COUNT', c.nameLoc, `argument ${i + 1} of ${c.name}() is mandatory and cannot be left empty`);
      ok = false;
    }
  });
  return ok;
}

function checkKinds(c: ast.Call, f: FunctionEntry, env: LinkEnv, out: Diagnostics): void {
  const decl = f.def.args as readonly ArgDef[];
  const fixed: unknown[] = [];
  let clean = true;
  c.args.forEach((a, i) => {
    const r = a === null ? undefined : checkOne(c, a, decl[i], i, env, out);
    if (r === false) clean = false;
    fixed.push(r === false ? undefined : r);
  });
  if (!clean || !f.def.fixup) return;
  const issue: FixupIssue | undefined = f.def.fixup(fixed as never);
  if (issue) {
    const at = issue.arg !== undefined ? c.args[issue.arg] : null;
    out.error('TSIPS_LINK_FIXUP', at?.loc ?? c.nameLoc, `${c.name}(): ${issue.message}`, issue.hint);
  }
}

/** Returns the constant the fixup sees (undefined for a variable), or false on an error. */
function checkOne(c: ast.Call, a: ast.Arg, d: ArgDef, i: number, env: LinkEnv, out: Diagnostics): unknown {
  const what = `argument ${i + 1} of ${c.name}()`;
  const bad = (msg: string, hint?: string) => { out.error('TSIPS_LINK_ARG_KIND', a.loc, msg, hint); return false; };
  if (a.type === 'Null') return bad(`${what} cannot be NULL`);
  if (d.kind === 'pvar') {
    if (a.type !== 'PVar') return bad(`${what} must be a variable`);
    if (d.writable && env.pvars.get(a.name) && !env.pvars.get(a.name)!.writable) {
      out.error('TSIPS_LINK_PVAR_READONLY', a.nameLoc, `${what} is written by the function, but $${a.name} is read-only`);
      return false;
    }
    return undefined;
  }
  if (a.type === 'PVar') return d.static ? bad(`${what} must be a constant string, not a variable`) : undefined;
  if (d.kind === 'int') {
    if (a.type === 'Number') return a.value;
    if (/^[-+]?\d+$/.test(a.value.trim())) {
      const n = Number(a.value.trim()) | 0;
      const spelt = c.args.map((x, k) => (k === i ? String(n) : printArg(x))).join(', ');
      out.warning('TSIPS_LINK_ARG_CONVERTED', a.loc, `${what} is a quoted integer; converted to ${n}`, `OpenSIPS needs ${c.name}(${spelt})`);
      return n;
    }
    return bad(`${what} must be an integer or a variable`);
  }
  if (a.type === 'Number') {
    if (d.kind === 'str' && d.acceptsNumber) return a.raw;
    return bad(`${what} must be a string or a variable`, `write "${a.raw}"`);
  }
  const text = a.value;
  if (d.kind === 'regex') {
    try { return compilePosixRegex(text); } catch (e) {
      out.error('TSIPS_LINK_BAD_REGEX', a.loc, `bad regular expression "${text}": ${(e as Error).message}`);
      return false;
    }
  }
  if (d.static && text.includes('$')) return bad(`${what} must be a constant string without variables`);
  if (d.route && !text.includes('$') && !routeNamesOf(env.routes, d.route).includes(text)) {
    const known = routeNamesOf(env.routes, d.route);
    out.error('TSIPS_LINK_UNDEFINED_ROUTE', a.loc, `${ROUTE_TYPE_LABEL[d.route]}[${text}] is not defined`,
      known.length ? `defined: ${known.join(', ')}` : `define it with ${ROUTE_TYPE_LABEL[d.route]}[${text}] { ... }`);
    return false;
  }
  if (d.noExpand || !text.includes('$')) return text;
  checkTemplate(a, env, out);
  return undefined;
}
