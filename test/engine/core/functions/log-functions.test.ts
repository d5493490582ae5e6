// xlog / xdbg / log: levels by their third character or a numeric variable, the xlog_level
// threshold, the one-argument form at NOTICE, NULL printed as <null>, log's constant text.
import { describe, it, expect } from 'vitest';
import { runMain, fakeCore } from '../../script/compile/helpers.js';
import { parseLevel } from '../../../../engine/core/functions/index.js';

describe('xlog', () => {
  it('prints one-argument xlog at NOTICE and two-argument at the named level', async () => {
    const { core } = await runMain('xlog("n $fU"); xlog("L_ERR", "e"); xlog("L_DBG", "d"); xlog("L_WARN", "w $tt");');
    expect(core.lines.filter((l) => l.facility === 'script').map((l) => [l.level, l.message]))
      .toEqual([[2, 'n alice'], [-1, 'e'], [4, 'd'], [1, 'w <null>']]);
  });

  it('filters by xlog_level and still returns 1', async () => {
    const core = fakeCore({ xlogLevel: 1 });
    await runMain('xlog("L_INFO", "info"); xlog("hidden notice"); xlog("L_ALERT", "alert $rc");', { core });
    expect(core.printed()).toEqual(['alert 1']);
  });

  it('prints by xlog_level alone: a low log_level does not hide xlog output (OpenSIPS xlog.c)', async () => {
    const core = fakeCore({ xlogLevel: 4, logLevel: -1 });
    await runMain('xlog("L_INFO", "info shown"); log(3, "log hidden");', { core });
    expect(core.printed()).toEqual(['info shown']);
  });

  it('takes the level from a variable holding a number; xdbg is DBG', async () => {
    const { core } = await runMain('$var(l) = -1; xlog("$var(l)", "from var"); xdbg("dbg");');
    expect(core.lines.filter((l) => l.facility === 'script').map((l) => l.level)).toEqual([-1, 4]);
  });

  it('log() prints constant text at DBG or the given level, without expanding variables', async () => {
    const { core } = await runMain('log("plain $fU"); log(-1, "error text");');
    expect(core.lines.filter((l) => l.facility === 'script').map((l) => [l.level, l.message])).toEqual([[4, 'plain $fU'], [-1, 'error text']]);
  });

  it('parseLevel reads only the third character of L_ names', () => {
    expect(['L_ALERT', 'L_CRIT', 'L_ERR', 'L_WARN', 'L_NOTICE', 'L_INFO', 'L_DBG', 'L_Error', '3', 'bad'].map(parseLevel))
      .toEqual([-3, -2, -1, 1, 2, 3, 4, -1, 3, undefined]);
  });
});
