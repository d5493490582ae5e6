// sipmsgops: is_method, has_totag, is_present_hf.
import { describe, it, expect, beforeAll } from 'vitest';
import { startModules, context, call, sipMessage, invite, INVITE, type Started } from '../harness.js';

describe('sipmsgops message checks', () => {
  let m: Started;
  beforeAll(async () => { m = await startModules(['sipmsgops']); });
  const run = (name: string, ctx: ReturnType<typeof context>, ...args: unknown[]) => call(m, 'sipmsgops', name, ctx, ...args);

  it('is_method matches one method or a list, case-insensitively', () => {
    const ctx = context(sipMessage(INVITE));
    expect(run('is_method', ctx, 'INVITE')).toBe(1);
    expect(run('is_method', ctx, 'invite')).toBe(1);
    expect(run('is_method', ctx, 'REGISTER|INVITE')).toBe(1);
    expect(run('is_method', ctx, 'REGISTER|BYE')).toBe(-1);
    expect(run('is_method', ctx, 'BYE')).toBe(-1);
  });

  it('is_method compares a single unknown method as text, and refuses one in a list', () => {
    const foo = context(sipMessage(INVITE.map((l) => l.replace(/^INVITE /, 'FOO ')).map((l) => l.replace('314159 INVITE', '314159 FOO'))));
    expect(run('is_method', foo, 'foo')).toBe(1);
    const fixup = m.def('sipmsgops').functions!.is_method!.fixup!;
    expect(fixup(['INVITE|FOO'] as never)).toMatchObject({ arg: 0, message: expect.stringMatching(/FOO/) });
    expect(fixup(['FOO'] as never)).toBeUndefined();
    expect(fixup(['INVITE||BYE'] as never)).toMatchObject({ arg: 0 });
    // The same list given through a variable is refused at run time.
    expect(run('is_method', foo, 'INVITE|FOO')).toBe(-1);
  });

  it('is_method reads a reply\'s method from CSeq', () => {
    const reply = context(sipMessage(['SIP/2.0 200 OK', ...INVITE.slice(1)]), undefined, 'onreply');
    expect(run('is_method', reply, 'INVITE')).toBe(1);
    expect(run('is_method', reply, 'BYE|CANCEL')).toBe(-1);
  });

  it('has_totag: only a non-empty To tag counts', () => {
    expect(run('has_totag', context(sipMessage(INVITE)))).toBe(-1);
    expect(run('has_totag', context(sipMessage(invite({ To: '<sip:bob@example.com>;tag=a6c85cf' }))))).toBe(1);
    expect(run('has_totag', context(sipMessage(invite({ To: '<sip:bob@example.com>;tag=' }))))).toBe(-1);
    expect(run('has_totag', context(sipMessage(invite({ To: null }))))).toBe(-1);
    expect(run('has_totag', context(sipMessage(invite({ To: '<sip:bob@example.com' }))))).toBe(-1);
  });

  it('is_present_hf: any case, compact forms', () => {
    const ctx = context(sipMessage(invite({ 'X-Custom': '1', f: null, From: null }).concat('f: <sip:a@b>;tag=1')));
    expect(run('is_present_hf', ctx, 'x-custom')).toBe(1);
    expect(run('is_present_hf', ctx, 'FROM')).toBe(1);
    expect(run('is_present_hf', ctx, 'f')).toBe(1);
    expect(run('is_present_hf', ctx, 'Subject')).toBe(-1);
    expect(run('is_present_hf', ctx, '')).toBe(-1);
  });
});
