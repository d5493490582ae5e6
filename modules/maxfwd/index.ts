// maxfwd: loop protection with the Max-Forwards header (OpenSIPS modules/maxfwd,
// reference/modules/maxfwd-sipmsgops.md part A).
import { defineModule, fn, arg, param } from '../../engine/modules/index.js';
import { processMaxfwd, isHopCount } from './process-maxfwd.js';
import { isMaxfwdLt } from './is-maxfwd-lt.js';
import type { MaxfwdModuleState } from './state.js';

const hopFixup = ([n]: [number | undefined]) =>
  n !== undefined && !isHopCount(n) ? { arg: 0, message: `max-forwards value ${n} is not in 1..256` } : undefined;

export default defineModule({
  name: 'maxfwd',
  doc: 'Checks, decrements or adds the Max-Forwards header of requests (RFC 3261 16.3, 16.6). The typical use answers 483 when no hops are left: `if (!mf_process_maxfwd_header(10)) { send_reply(483, "Too Many Hops"); exit; }`. RFC 3261 16.6 recommends 70 as the value a proxy adds.',
  params: {
    max_limit: param.int({ default: 256, min: 1, max: 256, doc: 'Upper bound: a larger incoming value leaves this hop as exactly max_limit, and function arguments above it are refused (at run time in tsips, as the load-time check cannot see the parameter).' }),
  },
  functions: {
    mf_process_maxfwd_header: fn({
      args: [arg.int({ doc: 'max: value to add when the header is absent, 1..256 and at most max_limit' })],
      routes: ['request'],
      fixup: hopFixup,
      run: (ctx, st: MaxfwdModuleState, n) => processMaxfwd(st, ctx, n),
      doc: 'Returns 2 when the header was absent and `Max-Forwards: max` was added as the first header; 1 when present and decremented (a value above max_limit becomes max_limit); -1 when the value is 0 (the script should reply 483); -2 when the value cannot be parsed (a malformed header deserves 400: tell it apart with `$retcode`) or the argument is out of range.',
    }),
    is_maxfwd_lt: fn({
      args: [arg.int({ doc: 'limit: 1..256' })],
      routes: ['request', 'failure', 'branch'],
      fixup: hopFixup,
      run: (ctx, _st: MaxfwdModuleState, n) => isMaxfwdLt(ctx, n),
      doc: 'Compares the current Max-Forwards value (after a decrement by mf_process_maxfwd_header) with limit: 1 when lower, -1 when not, -2 when the header is absent (also when mf_process_maxfwd_header added it), -3 when it cannot be parsed.',
    }),
  },
  init: (ctx): MaxfwdModuleState => ({
    maxLimit: ctx.params.max_limit,
    log: (level, message) => ctx.log(level, message),
  }),
});
