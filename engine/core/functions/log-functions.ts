// xlog, xdbg and log (script-language.md 5.11): print at an OpenSIPS level when the
// xlog_level threshold allows, and return 1 either way.
import { fn, arg, type FnDef } from '../../modules/functions.js';
import type { MessageContext } from '../message-context.js';
import { LogLevel } from '../log.js';

// OpenSIPS looks only at the third character of L_ALERT ... L_DBG.
const BY_THIRD_CHAR: Record<string, number> = {
  A: LogLevel.ALERT, C: LogLevel.CRIT, E: LogLevel.ERR, W: LogLevel.WARN, N: LogLevel.NOTICE, I: LogLevel.INFO, D: LogLevel.DBG,
};

/** A level written as L_XXX, or the number a variable holds; undefined when neither. */
export function parseLevel(text: string): number | undefined {
  const t = text.trim();
  if (/^[-+]?\d+$/.test(t)) return Number(t);
  if (t.length >= 3 && (t[0] === 'L' || t[0] === 'l') && t[1] === '_') return BY_THIRD_CHAR[t[2].toUpperCase()];
  return undefined;
}

/** Prints script output: the facility is "script" so it reads like OpenSIPS's xlog lines. */
export function xlogAt(ctx: MessageContext, level: number, text: string): number {
  if (level <= ctx.core.script.xlogLevel) ctx.core.log.write(level, 'script', text);
  return 1;
}

const levelFixup = ([level, fmt]: [string | undefined, string | undefined]) =>
  fmt !== undefined && level !== undefined && parseLevel(level) === undefined
    ? { arg: 0, message: `unknown log level '${level}'`, hint: 'use L_ALERT, L_CRIT, L_ERR, L_WARN, L_NOTICE, L_INFO or L_DBG' }
    : undefined;

export const logFunctions: Record<string, FnDef<any>> = {
  xlog: fn({
    doc: 'xlog(fmt) prints at xlog_print_level (NOTICE); xlog(level, fmt) at L_ALERT..L_DBG or a numeric level',
    args: [arg.str(), arg.str({ optional: true })], routes: 'all',
    fixup: levelFixup,
    run: (ctx, _st, a, b) => {
      if (b === undefined) return xlogAt(ctx, ctx.core.script.xlogPrintLevel, a);
      const level = parseLevel(a);
      if (level === undefined) { ctx.core.log.log(LogLevel.ERR, 'core', `xlog: unknown log level '${a}'`); return -1; }
      return xlogAt(ctx, level, b);
    },
  }),
  xdbg: fn({ doc: 'xlog at L_DBG', args: [arg.str()], routes: 'all', run: (ctx, _st, text) => xlogAt(ctx, LogLevel.DBG, text) }),
  log: fn({
    doc: 'log(text) prints a constant text at DBG; log(level, text) at that numeric level',
    args: [arg.str({ noExpand: true, acceptsNumber: true }), arg.str({ optional: true, noExpand: true })], routes: 'all',
    run: (ctx, _st, a, b) => {
      const level = b === undefined ? LogLevel.DBG : parseLevel(a) ?? LogLevel.DBG;
      ctx.core.log.log(level, 'script', b ?? a);
      return 1;
    },
  }),
};
