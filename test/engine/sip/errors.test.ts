import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SIP_ERROR_CODES, SipParseError } from '../../../engine/sip/index.js';
import { repoRoot } from './corpus.js';

describe('sip error catalog', () => {
  it('has unique, documented SIP_ codes', () => {
    const codes = Object.keys(SIP_ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [code, doc] of Object.entries(SIP_ERROR_CODES)) {
      expect(code).toMatch(/^SIP_[A-Z_]+$/);
      expect(doc.length).toBeGreaterThan(10);
    }
  });

  it('uses only catalogued codes in the sources', () => {
    const dir = resolve(repoRoot, 'engine/sip');
    // framing.ts keeps its own catalog (FRAMING_ERROR_CODES).
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'framing.ts')) {
      for (const m of readFileSync(resolve(dir, f), 'utf8').matchAll(/'(SIP_[A-Z_]+)'/g)) {
        expect(SIP_ERROR_CODES, `${f}: ${m[1]}`).toHaveProperty(m[1]);
      }
    }
  });

  it('carries code, reason and place', () => {
    const e = new SipParseError('SIP_BAD_HEADER', 'bad thing', { header: 'via', offset: 3 });
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('SIP_BAD_HEADER');
    expect(e.reason).toBe('bad thing');
    expect(e.header).toBe('via');
    expect(e.offset).toBe(3);
    expect(e.message).toBe('bad thing (header via) [SIP_BAD_HEADER]');
  });
});
