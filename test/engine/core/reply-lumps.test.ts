// engine/core/reply-lumps: the reply additions queued on a message context.
import { describe, it, expect } from 'vitest';
import { replyLumps, addReplyHeader, addReplyBody } from '../../../engine/core/reply-lumps.js';

describe('reply lumps', () => {
  it('are absent until something is queued, then kept in order', () => {
    const ctx = { moduleData: new Map<string, unknown>() };
    expect(replyLumps(ctx)).toBeUndefined();
    addReplyHeader(ctx, 'Contact', '<sip:a@b>');
    addReplyHeader(ctx, 'Date', 'Tue, 04 Mar 2025 10:11:12 GMT');
    addReplyBody(ctx, 'a');
    addReplyBody(ctx, 'b');
    expect(replyLumps(ctx)).toEqual({ headers: [['Contact', '<sip:a@b>'], ['Date', 'Tue, 04 Mar 2025 10:11:12 GMT']], body: 'ab' });
  });
});
