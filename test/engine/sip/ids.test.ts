// Generated identifiers: branches carry the RFC 3261 cookie and differ; hash32 is stable
// (a retransmission gets the same stateless To tag) and separates different inputs.
import { describe, it, expect } from 'vitest';
import { generateBranch, isGeneratedBranch, generateTag, hash32, BRANCH_COOKIE } from '../../../engine/sip/index.js';

describe('ids', () => {
  it('branches start with the magic cookie and do not repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, generateBranch));
    expect(seen.size).toBe(1000);
    for (const b of seen) expect(b.startsWith(BRANCH_COOKIE)).toBe(true);
    expect(generateTag()).not.toBe(generateTag());
  });

  it('recognises its own branches and no others', () => {
    expect(isGeneratedBranch(generateBranch())).toBe(true);
    for (const other of ['z9hG4bKnever', 'z9hG4bK-abc', 'z9hG4bK0123456789abcdef0', 'z9hG4bK0123456789ABCDEF', 'abc0123456789abcdef0']) {
      expect(isGeneratedBranch(other)).toBe(false);
    }
  });

  it('hash32 is 8 hex digits, the same for the same text, different for near texts', () => {
    const key = '192.0.2.1:5060;z9hG4bK-1';
    expect(hash32(key)).toMatch(/^[0-9a-f]{8}$/);
    expect(hash32(key)).toBe(hash32(String(key)));
    const near = new Set(Array.from({ length: 1000 }, (_, i) => hash32(`192.0.2.1:5060;z9hG4bK-${i}`)));
    expect(near.size).toBe(1000);
    expect(hash32('')).toBe('811c9dc5');
  });
});
