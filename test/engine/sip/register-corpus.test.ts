// corpus/register: every REGISTER (and the RFC 3261 200 OK) parses, passes the sanity check,
// and yields what a registrar reads.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage, checkSanity } from '../../../engine/sip/index.js';
import { registerDir } from './corpus.js';

const files = readdirSync(registerDir).filter((f) => f.endsWith('.sip'));
const load = (f: string) => parseMessage(readFileSync(resolve(registerDir, f)));

describe('corpus/register', () => {
  it('has messages', () => expect(files.length).toBeGreaterThan(5));

  for (const f of files) {
    it(`${f} parses and is sane`, () => {
      const m = load(f);
      expect(checkSanity(m)).toBeNull();
      expect(m.vias.length).toBeGreaterThan(0);
      expect(m.callId).not.toBe('');
      for (const c of m.contacts) c.parsedUri, c.expires, c.q;
    });
  }

  it('reads the values a registrar uses', () => {
    const f1 = load('authored-reg-01-two-contacts.sip');
    expect(f1.method).toBe('REGISTER');
    expect(f1.expires).toBe(1800);
    expect(f1.contacts.map((c) => [c.q, c.expires])).toEqual([[0.9, 3600], [0.5, undefined]]);
    expect(load('authored-reg-07-wildcard-remove-all.sip').contactStar).toBe(true);
    expect(load('authored-reg-03-query.sip').contacts).toEqual([]);
    const gruu = load('authored-reg-08-outbound-gruu-path.sip');
    expect(gruu.paths[0].parsedUri.params.ob).toBeNull();
    expect(gruu.supported).toEqual(['path', 'outbound', 'gruu']);
    expect(gruu.vias[1]).toMatchObject({ rport: 49212, received: '192.0.2.102', port: 49212, transport: 'TCP' });
    expect(gruu.contacts[0].params['+sip.instance']).toBe('"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>"');
    expect(gruu.contacts[0].parsedUri.transport).toBe('tcp');
    const ok = load('rfc3261-24.1-F2-200-ok.sip');
    expect(ok.status).toBe(200);
    expect(ok.vias).toHaveLength(1);
    expect(ok.via!.branch).toBe('z9hG4bKnashds7');
    expect(ok.via!.received).toBe('192.0.2.4');
    expect(ok.to!.tag).toBe('2493k59kd');
    expect(ok.expires).toBe(7200);
  });
});
