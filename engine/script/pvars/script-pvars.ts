// Variables the script itself keeps: $var (per message, DECISIONS.md), the $avp stacks
// (script-language.md 7.4), route arguments $param, extra return values $return, $rc.
import { int, type MaybeValue, type Value } from '../value.js';
import { pvar, type PvarSpec, type SetHow } from './types.js';

/** Stored values lose "has both forms" subtleties: an int stays an int, a string a string. */
const stored = (v: Value): Value => v;

function avpGet(stack: Value[] | undefined, index: SetHow['index']): MaybeValue {
  if (!stack || stack.length === 0) return null;
  if (index === undefined) return stack[0];
  if (index === '*') return { s: stack.map((v) => v.s ?? String(v.i)).join(', '), intFirst: false };
  if (index === 'append') return null;
  return stack[index < 0 ? stack.length + index : index] ?? null;
}

function avpSet(avps: Map<string, Value[]>, name: string, v: MaybeValue, how: SetHow): boolean {
  let stack = avps.get(name);
  const { index } = how;
  if (how.replaceAll || index === '*') {
    stack = [];
    if (v !== null) stack.push(stored(v));
  } else if (index === undefined) {
    stack ??= [];
    if (v === null) stack.shift(); else stack.unshift(stored(v));
  } else if (index === 'append') {
    if (v === null) return true;
    (stack ??= []).push(stored(v));
  } else {
    if (!stack) return false;
    const k = index < 0 ? stack.length + index : index;
    if (k < 0 || k >= stack.length) return false;
    if (v === null) stack.splice(k, 1); else stack[k] = stored(v);
  }
  if (stack.length) avps.set(name, stack); else avps.delete(name);
  return true;
}

export const scriptPvars: readonly PvarSpec[] = [
  pvar({
    name: 'var', inner: 'required', writable: true, doc: 'script variable (per message)',
    get: (ctx, name) => ctx.vars.get(name ?? '') ?? null,
    set: (ctx, name, v) => { if (v === null) ctx.vars.delete(name ?? ''); else ctx.vars.set(name ?? '', stored(v)); return true; },
  }),
  pvar({
    name: 'avp', inner: 'required', writable: true, doc: 'attribute-value pair stack (newest first)',
    get: (ctx, name, index) => avpGet(ctx.avps.get(name ?? ''), index),
    set: (ctx, name, v, how) => avpSet(ctx.avps, name ?? '', v, how),
  }),
  pvar({
    name: 'param', inner: 'required', doc: 'argument of the innermost route() call (1-based)',
    get: (ctx, n) => { const k = Number(n); return Number.isInteger(k) && k >= 1 ? ctx.params?.[k - 1] ?? null : null; },
  }),
  pvar({
    name: 'return', inner: 'required', doc: 'extra value of the last return(code, v...) (0-based)',
    get: (ctx, n) => { const k = Number(n); return Number.isInteger(k) && k >= 0 ? ctx.returnValues[k] ?? null : null; },
  }),
  pvar({ name: 'rc', inner: 'none', doc: 'return code of the last statement', get: (ctx) => int(ctx.rc) }),
  pvar({ name: 'retcode', inner: 'none', doc: 'same as $rc', get: (ctx) => int(ctx.rc) }),
];
