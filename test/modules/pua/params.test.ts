// pua's module parameters with OpenSIPS's defaults and meanings.
import { afterEach, describe, expect, it } from 'vitest';
import { puaRig, answer, last, ALICE } from './rig.js';
import type { Rig } from '../script-rig.js';

let rig: Rig | undefined;
afterEach(async () => { await rig?.stop(); rig = undefined; });

const publish = (r: Rig, expires: number) => r.mi('pua_publish', { presentity_uri: ALICE, expires, event_package: 'presence', body: 'b' });

describe('pua parameters', () => {
  it('min_expires (default 300) raises a short Expires; a negative one asks for default_expires', async () => {
    rig = await puaRig(['modparam("pua", "min_expires", 300)', 'modparam("pua", "default_expires", 1200)']);
    void publish(rig, 60);
    await rig.settle();
    expect(last(rig, 'PUBLISH').msg.header('expires')).toBe('300');
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: e', 'Expires: 300']);
    await rig.settle();
    void publish(rig, -1);
    await rig.settle();
    expect(last(rig, 'PUBLISH').msg.header('expires')).toBe('1200');
  });

  it('default_expires below 600 becomes 3600, with a warning', async () => {
    rig = await puaRig(['modparam("pua", "default_expires", 100)']);
    expect(rig.services.lines.join('')).toMatch(/default_expires 100 is below 600: using 3600/);
    void publish(rig, -1);
    await rig.settle();
    expect(last(rig, 'PUBLISH').msg.header('expires')).toBe('3600');
  });

  it('update_period bounds how early a refresh goes out (here 3 s before expiry of a 60 s grant)', async () => {
    rig = await puaRig(['modparam("pua", "update_period", 3)']);
    const done = rig.mi('pua_publish', { presentity_uri: ALICE, expires: 3600, event_package: 'presence', body: 'b' });
    await rig.settle();
    answer(rig, last(rig, 'PUBLISH'), 200, 'OK', ['SIP-ETag: e', 'Expires: 60']);
    await done;
    const before = rig.stat('pua:publish_sent');
    await rig.advance(56_500);
    expect(rig.stat('pua:publish_sent')).toBe(before);
    await rig.advance(1000);
    expect(rig.stat('pua:publish_sent')).toBe(before + 1);
  });

  it('refuses clustering without a sharing tag and on an embedded database', async () => {
    await expect(puaRig(['modparam("pua", "cluster_id", 1)'])).rejects.toThrow(/cluster_sharing_tag is required/);
    await expect(puaRig(['modparam("pua", "cluster_id", 1)', 'modparam("pua", "cluster_sharing_tag", "vip")'])).rejects.toThrow(/sharing one PostgreSQL/);
  });
});
