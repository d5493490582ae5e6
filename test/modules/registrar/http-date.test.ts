import { describe, it, expect } from 'vitest';
import { formatHttpDate } from '../../../modules/registrar/http-date.js';

describe('Date header text (RFC 3261 20.17, RFC 1123 form)', () => {
  it('formats a second in GMT, and follows the clock from one second to the next', () => {
    const t = Date.UTC(2010, 10, 13, 23, 29, 0) / 1000;
    expect(formatHttpDate(t)).toBe('Sat, 13 Nov 2010 23:29:00 GMT');
    expect(formatHttpDate(t)).toBe('Sat, 13 Nov 2010 23:29:00 GMT');
    expect(formatHttpDate(t + 1)).toBe('Sat, 13 Nov 2010 23:29:01 GMT');
    expect(formatHttpDate(t)).toBe('Sat, 13 Nov 2010 23:29:00 GMT');
  });
});
