// sl: stateless replies, To-tags, reply lumps, statistics, ACK absorption.
import { describe, it, expect, beforeEach } from 'vitest';
import { startModules, fakeCore, context, call, sipMessage, invite, INVITE, type Started } from '../harness.js';
import { addReplyHeader } from '../../../engine/core/reply-lumps.js';
import type { SlApi } from '../../../modules/sl/index.js';

const TAG = /^[0-9a-f]{32}\.[0-9a-f]{8}$/;

describe('sl', () => {
  let m: Started;
  let sl: SlApi;
  beforeEach(async () => {
    m = await startModules(['sl']);
    sl = m.api<SlApi>('sl');
  });

  it('sends a reply with a stable To-tag and counts it', () => {
    const core = fakeCore();
    const ctx = context(sipMessage(INVITE), core);
    expect(call(m, 'sl', 'sl_send_reply', ctx, 404, 'Not Here')).toBe(1);
    expect(core.replies).toHaveLength(1);
    const { status, reason, reply } = core.replies[0]!;
    expect([status, reason]).toEqual([404, 'Not Here']);
    expect(reply.reason).toBe('Not Here');
    expect(reply.to?.tag).toMatch(TAG);
    expect(reply.to?.tag).toBe(sl.genTotag(ctx));
    expect(reply.callId).toBe('a84b4c76e66710@pc33.example.org');
    expect(ctx.replied).toBe(true);
    expect(m.stat('sl:4xx_replies')).toBe(1);
    expect(m.stat('sl:sent_replies')).toBe(1);
    expect(m.stat('sl:2xx_replies')).toBe(0);
  });

  it('gives a retransmission the same tag and another transaction another one', () => {
    const a = context(sipMessage(INVITE));
    const again = context(sipMessage(INVITE));
    const other = context(sipMessage(invite({ Via: 'SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKother' })));
    expect(sl.genTotag(a)).toBe(sl.genTotag(again));
    expect(sl.genTotag(a)).not.toBe(sl.genTotag(other));
    // Same suffix, different prefix: the prefix belongs to the process's first socket.
    const elsewhere = context(sipMessage(INVITE), fakeCore(['udp:10.0.0.1:5070']));
    expect(sl.genTotag(elsewhere).split('.')[1]).toBe(sl.genTotag(a).split('.')[1]);
    expect(sl.genTotag(elsewhere).split('.')[0]).not.toBe(sl.genTotag(a).split('.')[0]);
  });

  it('keys RFC 2543 requests (no branch) on Call-ID, From tag and CSeq number', () => {
    const noBranch = invite({ Via: 'SIP/2.0/UDP 192.0.2.10:5060' });
    const a = context(sipMessage(noBranch));
    const b = context(sipMessage(invite({ 'Call-ID': 'other@x' }, noBranch)));
    expect(sl.genTotag(a)).not.toBe(sl.genTotag(b));
    expect(sl.genTotag(a)).toBe(sl.genTotag(context(sipMessage(noBranch))));
  });

  it('sends 100 without a To-tag and keeps an existing tag', () => {
    const core = fakeCore();
    expect(call(m, 'sl', 'sl_send_reply', context(sipMessage(INVITE), core), 100, 'Trying')).toBe(1);
    expect(core.replies[0]!.reply.to?.tag).toBeUndefined();
    expect(call(m, 'sl', 'sl_send_reply', context(sipMessage(invite({ To: '<sip:bob@example.com>;tag=abc' })), core), 481, 'Gone')).toBe(1);
    expect(core.replies[1]!.reply.to?.tag).toBe('abc');
    expect(m.stat('sl:1xx_replies')).toBe(1);
    expect(m.stat('sl:4xx_replies')).toBe(1);
  });

  it('never answers an ACK but reports success', () => {
    const core = fakeCore();
    const ack = sipMessage(invite({ CSeq: '314159 ACK' }, INVITE.map((l) => l.replace(/^INVITE /, 'ACK '))));
    expect(call(m, 'sl', 'sl_send_reply', context(ack, core), 404, 'Not Here')).toBe(1);
    expect(core.replies).toEqual([]);
    expect(m.stat('sl:sent_replies')).toBe(0);
  });

  it('refuses codes outside 100..699 at load time (constants) and at run time (variables)', () => {
    const fixup = m.def('sl').functions!.sl_send_reply!.fixup!;
    expect(fixup([700, 'x'] as never)).toMatchObject({ arg: 0 });
    expect(fixup([99, 'x'] as never)).toMatchObject({ arg: 0 });
    expect(fixup([200, 'OK'] as never)).toBeUndefined();
    expect(fixup([undefined, 'OK'] as never)).toBeUndefined();
    const core = fakeCore();
    expect(call(m, 'sl', 'sl_send_reply', context(sipMessage(INVITE), core), 700, 'Bad')).toBe(-1);
    expect(core.replies).toEqual([]);
  });

  it('returns -1 when the core cannot send, counting nothing', () => {
    const core = fakeCore();
    core.sendOk = false;
    const ctx = context(sipMessage(INVITE), core);
    expect(call(m, 'sl', 'sl_send_reply', ctx, 200, 'OK')).toBe(-1);
    expect(ctx.replied).toBe(false);
    expect(m.stat('sl:sent_replies')).toBe(0);
  });

  it('refuses to answer a reply', () => {
    const reply = sipMessage(['SIP/2.0 200 OK', ...INVITE.slice(1)]);
    expect(call(m, 'sl', 'sl_send_reply', context(reply, fakeCore(), 'onreply'), 200, 'OK')).toBe(-1);
  });

  it('copies Record-Route only for 180..299', () => {
    const rr = invite({ 'Record-Route': '<sip:p1.example.com;lr>' });
    const core = fakeCore();
    for (const code of [100, 180, 200, 404]) call(m, 'sl', 'sl_send_reply', context(sipMessage(rr), core), code, 'X');
    expect(core.replies.map((r) => r.reply.hasHeader('record-route'))).toEqual([false, true, true, false]);
  });

  it('adds the reply lumps in order, then the API caller\'s headers and body', () => {
    const core = fakeCore();
    const ctx = context(sipMessage(INVITE), core);
    addReplyHeader(ctx, 'X-First', '1');
    addReplyHeader(ctx, 'Date', 'Tue, 04 Mar 2025 10:11:12 GMT');
    const r = sl.sendReply(ctx, 200, 'OK', { headers: [['Contact', '<sip:alice@192.0.2.10>;expires=60']], body: 'hello', contentType: 'text/plain' });
    expect(r).toEqual({ rc: 1, toTag: sl.genTotag(ctx) });
    const reply = core.replies[0]!.reply;
    const names = [...Array(reply.headerCount).keys()].map((i) => reply.nameAt(i));
    expect(names.slice(names.indexOf('x-first'))).toEqual(['x-first', 'date', 'contact', 'content-type', 'content-length']);
    expect(reply.body.toString()).toBe('hello');
    expect(m.stat('sl:2xx_replies')).toBe(1);
  });

  it('lists the destination set as Contact in a 3xx', () => {
    const core = fakeCore();
    const ctx = context(sipMessage(INVITE), core);
    ctx.newRuri = 'sip:bob@192.0.2.20';
    ctx.branches.push({ uri: 'sip:bob@192.0.2.21', q: 500, flags: 0 });
    call(m, 'sl', 'sl_send_reply', ctx, 302, 'Moved Temporarily');
    expect(core.replies[0]!.reply.header('contact')).toBe('<sip:bob@192.0.2.20>, <sip:bob@192.0.2.21>;q=0.5');
    // Untouched Request-URI and no branches: no Contact (OpenSIPS print_dset).
    call(m, 'sl', 'sl_send_reply', context(sipMessage(invite({ Contact: null })), core), 302, 'Moved');
    expect(core.replies[1]!.reply.hasHeader('contact')).toBe(false);
  });

  it('sl_reply_error answers 500 and counts sent_err_replies', () => {
    const core = fakeCore();
    expect(call(m, 'sl', 'sl_reply_error', context(sipMessage(INVITE), core))).toBe(1);
    expect([core.replies[0]!.status, core.replies[0]!.reason]).toEqual([500, 'Server Internal Error']);
    expect(m.stat('sl:sent_err_replies')).toBe(1);
    expect(m.stat('sl:5xx_replies')).toBe(1);
    expect(m.stat('sl:sent_replies')).toBe(1);
  });

  describe('ACK absorption', () => {
    const ackLines = (toTag: string) => [
      'ACK sip:bob@example.com SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds',
      'Max-Forwards: 70',
      `To: Bob <sip:bob@example.com>;tag=${toTag}`,
      'From: Alice <sip:alice@example.org>;tag=1928301774',
      'Call-ID: a84b4c76e66710@pc33.example.org',
      'CSeq: 314159 ACK',
    ];

    it('absorbs the ACK to our own reply and counts it', () => {
      const core = fakeCore();
      call(m, 'sl', 'sl_send_reply', context(sipMessage(INVITE), core), 486, 'Busy Here');
      const tag = core.replies[0]!.reply.to!.tag!;
      expect(sl.absorbAck(context(sipMessage(ackLines(tag)), core))).toBe(true);
      expect(m.stat('sl:received_ACKs')).toBe(1);
    });

    it('lets other ACKs and other requests through', () => {
      expect(sl.absorbAck(context(sipMessage(ackLines('someone-else'))))).toBe(false);
      expect(sl.absorbAck(context(sipMessage(ackLines('x').map((l) => l.replace(/;tag=x$/, '')))))).toBe(false);
      expect(sl.absorbAck(context(sipMessage(INVITE)))).toBe(false);
      expect(m.stat('sl:received_ACKs')).toBe(0);
    });
  });
});

describe('sl with enable_stats=0', () => {
  it('keeps the statistics at 0', async () => {
    const m = await startModules(['sl'], [['sl', 'enable_stats', 0]]);
    const core = fakeCore();
    expect(call(m, 'sl', 'sl_send_reply', context(sipMessage(INVITE), core), 200, 'OK')).toBe(1);
    expect(core.replies).toHaveLength(1);
    expect(m.stat('sl:sent_replies')).toBe(0);
  });
});
