// sipmsgops: append_to_reply, append_time, append_body_to_reply, seen in sl's replies.
import { describe, it, expect, beforeAll } from 'vitest';
import { startModules, fakeCore, context, call, sipMessage, INVITE, type Started } from '../harness.js';

describe('sipmsgops reply additions', () => {
  let m: Started;
  beforeAll(async () => { m = await startModules(['sipmsgops', 'sl']); });

  it('append_to_reply headers go into every local reply to the request, in order', () => {
    const core = fakeCore();
    const ctx = context(sipMessage(INVITE), core);
    expect(call(m, 'sipmsgops', 'append_to_reply', ctx, 'Contact: <sip:alice@192.0.2.10>;expires=3600\r\n')).toBe(1);
    expect(call(m, 'sipmsgops', 'append_to_reply', ctx, 'X-A: 1\r\nX-B: 2\r\n')).toBe(1);
    expect(call(m, 'sipmsgops', 'append_to_reply', ctx, 'broken')).toBe(-1);
    expect(ctx.edited).toBe(false); // the request itself is not changed
    call(m, 'sl', 'sl_send_reply', ctx, 200, 'OK');
    call(m, 'sl', 'sl_send_reply', ctx, 200, 'OK');
    for (const { reply } of core.replies) {
      expect(reply.header('contact')).toBe('<sip:alice@192.0.2.10>;expires=3600');
      expect([reply.header('x-a'), reply.header('x-b')]).toEqual(['1', '2']);
    }
  });

  it('append_time queues an RFC 1123 Date', () => {
    const core = fakeCore();
    const ctx = context(sipMessage(INVITE), core);
    expect(call(m, 'sipmsgops', 'append_time', ctx)).toBe(1);
    call(m, 'sl', 'sl_send_reply', ctx, 200, 'OK');
    const date = core.replies[0]!.reply.header('date')!;
    expect(date).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/);
    expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(5000);
  });

  it('append_body_to_reply sets the body, its type from append_to_reply', () => {
    const core = fakeCore();
    const ctx = context(sipMessage(INVITE), core);
    call(m, 'sipmsgops', 'append_to_reply', ctx, 'Content-Type: text/plain\r\n');
    expect(call(m, 'sipmsgops', 'append_body_to_reply', ctx, 'hello ')).toBe(1);
    expect(call(m, 'sipmsgops', 'append_body_to_reply', ctx, 'world')).toBe(1);
    expect(call(m, 'sipmsgops', 'append_body_to_reply', ctx, '')).toBe(-1);
    call(m, 'sl', 'sl_send_reply', ctx, 200, 'OK');
    const reply = core.replies[0]!.reply;
    expect(reply.body.toString()).toBe('hello world');
    expect(reply.contentType).toBe('text/plain');
    expect(reply.contentLength).toBe(11);
  });
});
