// signaling: send_reply through sl, or through tm when the request has a transaction.
import { describe, it, expect, afterAll } from 'vitest';
import { startModules, fakeCore, context, call, sipMessage, INVITE } from '../harness.js';
import { tempTree } from '../../engine/modules/helpers.js';
import type { SignalingApi } from '../../../modules/signaling/index.js';
import type { SlApi } from '../../../modules/sl/index.js';

// A stand-in for the future tm: a transaction exists when the test marks the context.
const fakeTm = (members: string) => `export default { name: 'tm', init: () => ({ codes: [] }), api: (st) => (${members}) };\n`;
const TM_WITH_REPLY = `{
  replyInTransaction: (ctx, code, reason) => ctx.moduleData.has('test:trans') ? (st.codes.push(code), { rc: 1, toTag: 'tm-tag' }) : undefined,
  transactionTotag: (ctx) => ctx.moduleData.has('test:trans') ? 'tm-tag' : undefined,
  codes: st.codes,
}`;
const trees = [tempTree({ 'tm/index.js': fakeTm(TM_WITH_REPLY) }), tempTree({ 'tm/index.js': fakeTm('{ somethingElse: 1 }') })];
afterAll(() => trees.forEach((t) => t.cleanup()));

describe('signaling', () => {
  it('needs sl or tm', async () => {
    await expect(startModules(['signaling'])).rejects.toThrow(/sl or tm/);
  });

  it('replies statelessly through sl, which counts the reply', async () => {
    const m = await startModules(['signaling', 'sl']);
    const core = fakeCore();
    const ctx = context(sipMessage(INVITE), core);
    expect(call(m, 'signaling', 'send_reply', ctx, 483, 'Too Many Hops')).toBe(1);
    expect(core.replies.map((r) => [r.status, r.reason])).toEqual([[483, 'Too Many Hops']]);
    expect(core.replies[0]!.reply.to?.tag).toBe(m.api<SlApi>('sl').genTotag(ctx));
    expect(m.api<SignalingApi>('signaling').genTotag(ctx)).toBe(m.api<SlApi>('sl').genTotag(ctx));
    expect(m.stat('sl:4xx_replies')).toBe(1);
  });

  it('checks the code: constants at load time, variables at run time', async () => {
    const m = await startModules(['sl', 'signaling']);
    const fixup = m.def('signaling').functions!.send_reply!.fixup!;
    expect(fixup([99, 'x'] as never)).toMatchObject({ arg: 0 });
    expect(fixup([202, 'Accepted'] as never)).toBeUndefined();
    const core = fakeCore();
    expect(call(m, 'signaling', 'send_reply', context(sipMessage(INVITE), core), 1000, 'Bad')).toBe(-1);
    expect(core.replies).toEqual([]);
  });

  it('passes module headers through its API', async () => {
    const m = await startModules(['sl', 'signaling']);
    const core = fakeCore();
    const r = m.api<SignalingApi>('signaling').sendReply(context(sipMessage(INVITE), core), 200, 'OK', { headers: { Expires: '60' } });
    expect(r.rc).toBe(1);
    expect(core.replies[0]!.reply.header('expires')).toBe('60');
  });

  it('uses tm when the request has a transaction, sl otherwise', async () => {
    const m = await startModules(['sl', 'tm', 'signaling'], [], [trees[0]!.dir]);
    const core = fakeCore();
    const inTrans = context(sipMessage(INVITE), core);
    inTrans.moduleData.set('test:trans', true);
    expect(call(m, 'signaling', 'send_reply', inTrans, 180, 'Ringing')).toBe(1);
    expect(m.api<{ codes: number[] }>('tm').codes).toEqual([180]);
    expect(core.replies).toEqual([]);
    expect(m.api<SignalingApi>('signaling').genTotag(inTrans)).toBe('tm-tag');

    const stateless = context(sipMessage(INVITE), core);
    expect(call(m, 'signaling', 'send_reply', stateless, 404, 'Not Found')).toBe(1);
    expect(core.replies.map((r) => r.status)).toEqual([404]);
    expect(m.api<SignalingApi>('signaling').genTotag(stateless)).toBe(m.api<SlApi>('sl').genTotag(stateless));

    // $sig_local_totag follows the same choice; a reply has none.
    const pv = m.def('signaling').pvars!.sig_local_totag!;
    expect(pv.get!(inTrans, m.state('signaling'), undefined)).toEqual({ s: 'tm-tag', intFirst: false });
    expect(pv.get!(stateless, m.state('signaling'), undefined)).toMatchObject({ s: m.api<SlApi>('sl').genTotag(stateless) });
    const reply = context(sipMessage(['SIP/2.0 200 OK', ...INVITE.slice(1)]), core, 'onreply');
    expect(pv.get!(reply, m.state('signaling'), undefined)).toBeNull();
  });

  it('works with tm alone, and fails without a transaction', async () => {
    const m = await startModules(['tm', 'signaling'], [], [trees[0]!.dir]);
    const ctx = context(sipMessage(INVITE));
    expect(call(m, 'signaling', 'send_reply', ctx, 404, 'Not Found')).toBe(-1);
    ctx.moduleData.set('test:trans', true);
    expect(call(m, 'signaling', 'send_reply', ctx, 404, 'Not Found')).toBe(1);
  });

  it('ignores, with a warning, a tm that offers no stateful reply', async () => {
    const m = await startModules(['sl', 'tm', 'signaling'], [], [trees[1]!.dir]);
    expect(m.services.lines.join('')).toMatch(/replies are sent statelessly/);
    const core = fakeCore();
    expect(call(m, 'signaling', 'send_reply', context(sipMessage(INVITE), core), 200, 'OK')).toBe(1);
    expect(core.replies).toHaveLength(1);
  });
});
