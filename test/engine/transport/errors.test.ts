import { describe, it, expect } from 'vitest';
import { TRANSPORT_ERROR_CODES, TransportError } from '../../../engine/transport/index.js';

describe('transport error catalog', () => {
  it('documents every code, each with the area prefix', () => {
    for (const [code, doc] of Object.entries(TRANSPORT_ERROR_CODES)) {
      expect(code).toMatch(/^TRANSPORT_[A-Z_]+$/);
      expect(doc.length, code).toBeGreaterThan(10);
    }
  });
  it('puts the code on the error and in its message', () => {
    const e = new TransportError('TRANSPORT_NO_SOCKET', 'no socket');
    expect(e.code).toBe('TRANSPORT_NO_SOCKET');
    expect(e.message).toBe('no socket [TRANSPORT_NO_SOCKET]');
  });
});
