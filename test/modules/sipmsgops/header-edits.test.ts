// sipmsgops: append_hf, insert_hf, remove_hf, remove_hf_re, remove_hf_glob.
import { describe, it, expect, beforeAll } from 'vitest';
import { startModules, context, call, sipMessage, invite, edited, INVITE, type Started } from '../harness.js';
import type { SipMessage } from '../../../engine/sip/index.js';

const names = (msg: SipMessage) => [...Array(msg.headerCount).keys()].map((i) => msg.nameAt(i));

describe('sipmsgops header edits', () => {
  let m: Started;
  beforeAll(async () => { m = await startModules(['sipmsgops']); });
  const run = (name: string, ctx: ReturnType<typeof context>, ...args: unknown[]) => call(m, 'sipmsgops', name, ctx, ...args);

  it('append_hf adds after the last header; insert_hf before the first', () => {
    const ctx = context(sipMessage(INVITE));
    expect(run('append_hf', ctx, 'X-Last: 1\r\n')).toBe(1);
    expect(run('append_hf', ctx, 'X-Later: 2\r\n')).toBe(1);
    expect(run('insert_hf', ctx, 'X-First: 0\r\n')).toBe(1);
    const out = names(edited(ctx));
    expect(out[0]).toBe('x-first');
    // After the last received header, which here is Content-Length, as in OpenSIPS.
    expect(out.slice(-3)).toEqual(['content-length', 'x-last', 'x-later']);
  });

  it('anchors after / before the first header of a name, in any case', () => {
    const ctx = context(sipMessage(INVITE));
    expect(run('append_hf', ctx, 'X-After-Via: 1\r\n', 'VIA')).toBe(1);
    expect(run('insert_hf', ctx, 'X-Before-To: 2\r\n', 't')).toBe(1);
    const out = names(edited(ctx));
    expect(out.indexOf('x-after-via')).toBe(out.indexOf('via') + 1);
    expect(out.indexOf('x-before-to')).toBe(out.indexOf('to') - 1);
    expect(run('append_hf', ctx, 'X-Nope: 1\r\n', 'Subject')).toBe(-1);
  });

  it('takes several lines, a missing final CRLF and folded lines', () => {
    const ctx = context(sipMessage(INVITE));
    expect(run('append_hf', ctx, 'X-A: 1\r\nX-B: 2')).toBe(1);
    expect(run('append_hf', ctx, 'X-C: long\r\n  folded\r\n')).toBe(1);
    const out = edited(ctx);
    expect([out.header('x-a'), out.header('x-b'), out.header('x-c')]).toEqual(['1', '2', 'long folded']);
  });

  it('refuses text that is not header lines', () => {
    const ctx = context(sipMessage(INVITE));
    expect(run('append_hf', ctx, 'no colon here\r\n')).toBe(-1);
    expect(run('append_hf', ctx, 'Bad Name: 1\r\n')).toBe(-1);
    expect(run('insert_hf', ctx, 'X-A: 1\rX-B: 2\r\n')).toBe(-1);
    expect(run('append_hf', ctx, '')).toBe(-1);
    expect(ctx.edited).toBe(false);
  });

  it('remove_hf removes every line of the name, once', () => {
    const ctx = context(sipMessage(invite({ 'X-Foo': 'a' }).concat('x-foo: b')));
    expect(run('remove_hf', ctx, 'X-FOO')).toBe(1);
    expect(run('remove_hf', ctx, 'x-foo')).toBe(-1);
    expect(run('remove_hf', ctx, 'Subject')).toBe(-1);
    expect(edited(ctx).hasHeader('x-foo')).toBe(false);
    // The received message still has them (OpenSIPS lumps).
    expect(run('is_present_hf', ctx, 'X-Foo')).toBe(1);
  });

  it('remove_hf accepts a compact form', () => {
    const ctx = context(sipMessage(invite({ Contact: null }).concat('m: <sip:a@b>')));
    expect(run('remove_hf', ctx, 'Contact')).toBe(1);
    expect(edited(ctx).hasHeader('contact')).toBe(false);
  });

  it('remove_hf_re and remove_hf_glob match header names case-insensitively', () => {
    const base = invite({ 'X-Acme-One': '1', 'X-Acme-Two': '2', 'X-Other': '3' });
    const re = context(sipMessage(base));
    expect(run('remove_hf_re', re, /^X-Acme-/)).toBe(1);
    expect(names(edited(re)).filter((n) => n.startsWith('x-'))).toEqual(['x-other']);
    expect(run('remove_hf_re', re, /^Subject$/i)).toBe(-1);

    const glob = context(sipMessage(base));
    expect(run('remove_hf_glob', glob, 'X-ACME-*')).toBe(1);
    expect(names(edited(glob)).filter((n) => n.startsWith('x-'))).toEqual(['x-other']);
    expect(run('remove_hf_glob', glob, 'x-o?her')).toBe(1);
    expect(run('remove_hf_glob', glob, 'x-[!o]*')).toBe(-1);
  });
});
