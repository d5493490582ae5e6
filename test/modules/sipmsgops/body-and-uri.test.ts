// sipmsgops: has_body / has_body_part, ruri_has_param / ruri_add_param / ruri_del_param,
// is_uri_user_e164.
import { describe, it, expect, beforeAll } from 'vitest';
import { startModules, context, call, sipMessage, invite, INVITE, type Started } from '../harness.js';

const SDP = 'v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';
const MULTIPART = [
  '--b1', 'Content-Type: application/sdp', '', SDP,
  '--b1', 'Content-Type: application/isup;version=itu-t92+', '', 'xyz',
  '--b1--', '',
].join('\r\n');

describe('sipmsgops body and Request-URI', () => {
  let m: Started;
  beforeAll(async () => { m = await startModules(['sipmsgops']); });
  const run = (name: string, ctx: ReturnType<typeof context>, ...args: unknown[]) => call(m, 'sipmsgops', name, ctx, ...args);

  it('has_body is false for an empty body, Content-Length: 0 included (unlike OpenSIPS on UDP)', () => {
    expect(run('has_body', context(sipMessage(INVITE)))).toBe(-1);
    expect(run('has_body', context(sipMessage(INVITE, SDP)))).toBe(1);
  });

  it('has_body(mime) compares the Content-Type, or looks into multipart parts', () => {
    const sdp = context(sipMessage(invite({ 'Content-Type': 'Application/SDP' }), SDP));
    expect(run('has_body', sdp, 'application/sdp')).toBe(1);
    expect(run('has_body', sdp, 'text/plain')).toBe(-1);
    const multi = context(sipMessage(invite({ 'Content-Type': 'multipart/mixed;boundary="b1"' }), MULTIPART));
    expect(run('has_body', multi, 'multipart/mixed')).toBe(1);
    expect(run('has_body', multi, 'application/sdp')).toBe(1);
    expect(run('has_body_part', multi, 'application/isup')).toBe(1);
    expect(run('has_body', multi, 'text/plain')).toBe(-1);
    expect(run('has_body', context(sipMessage(INVITE)), 'application/sdp')).toBe(-1);
  });

  it('ruri_has_param: without a value only a valueless parameter matches', () => {
    const ctx = context(sipMessage(INVITE.map((l, i) => (i === 0 ? 'INVITE sip:bob@example.com;user=phone;lr SIP/2.0' : l))));
    expect(run('ruri_has_param', ctx, 'lr')).toBe(1);
    expect(run('ruri_has_param', ctx, 'user')).toBe(-1);
    expect(run('ruri_has_param', ctx, 'user', 'phone')).toBe(1);
    expect(run('ruri_has_param', ctx, 'USER', 'phone')).toBe(1);
    expect(run('ruri_has_param', ctx, 'user', 'ip')).toBe(-1);
    expect(run('ruri_has_param', ctx, 'transport')).toBe(-1);
  });

  it('ruri_add_param and ruri_del_param change the Request-URI the script sees', () => {
    const ctx = context(sipMessage(INVITE.map((l, i) => (i === 0 ? 'INVITE sip:bob;x=1@example.com:5060;lr?Subject=hi SIP/2.0' : l))));
    expect(run('ruri_add_param', ctx, 'user=phone')).toBe(1);
    expect(ctx.newRuri).toBe('sip:bob;x=1@example.com:5060;lr;user=phone?Subject=hi');
    expect(run('ruri_has_param', ctx, 'user', 'phone')).toBe(1);
    expect(run('ruri_del_param', ctx, 'lr')).toBe(1);
    expect(ctx.newRuri).toBe('sip:bob;x=1@example.com:5060;user=phone?Subject=hi');
    expect(run('ruri_del_param', ctx, 'x')).toBe(-1); // a user-part parameter is not a uri-parameter
    expect(run('ruri_add_param', ctx, 'bad;param')).toBe(-1);
  });

  it('is_uri_user_e164', () => {
    const ctx = context(sipMessage(INVITE));
    expect(run('is_uri_user_e164', ctx, 'sip:+4930123456@example.com')).toBe(1);
    expect(run('is_uri_user_e164', ctx, 'tel:+4930123456')).toBe(1);
    expect(run('is_uri_user_e164', ctx, 'sip:4930123456@example.com')).toBe(-1);
    expect(run('is_uri_user_e164', ctx, 'sip:+1@example.com')).toBe(-1);
    expect(run('is_uri_user_e164', ctx, 'sip:+1234567890123456@example.com')).toBe(-1);
    expect(run('is_uri_user_e164', ctx, 'not a uri')).toBe(-1);
  });
});
