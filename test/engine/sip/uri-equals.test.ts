// The examples of RFC 3261 19.1.4.
import { describe, expect, it } from 'vitest';
import { uriEquals } from '../../../engine/sip/index.js';

describe('uriEquals (RFC 3261 19.1.4)', () => {
  it.each([
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;security=on'],
    ['sip:carol@chicago.com;newparam=5', 'sip:carol@chicago.com;security=on'],
    ['sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com', 'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com'],
    ['sip:alice@atlanta.com?subject=project%20x&priority=urgent', 'sip:alice@atlanta.com?priority=urgent&subject=project%20x'],
    ['SIP:bob@[2001:DB8::1]', 'sip:bob@[2001:db8::1]'],
    ['tel:+1-201-555-0123', 'tel:+12015550123'],
  ])('%s == %s', (a, b) => {
    expect(uriEquals(a, b)).toBe(true);
    expect(uriEquals(b, a)).toBe(true);
  });

  it.each([
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:6000;transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'],
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:a@b', 'sips:a@b'],
    ['sip:a@b;user=phone', 'sip:a@b'],
    ['sip:a@b;maddr=1.2.3.4', 'sip:a@b'],
    ['sip:%00@host5.example.com', 'sip:%00%00@host5.example.com'],
    ['sip:a@b', 'not a uri'],
  ])('%s != %s', (a, b) => {
    expect(uriEquals(a, b)).toBe(false);
    expect(uriEquals(b, a)).toBe(false);
  });
});
