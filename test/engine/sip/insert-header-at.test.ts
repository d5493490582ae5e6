// MessageEditor.insertHeaderAt: anchored header insertion (sipmsgops append_hf/insert_hf).
import { describe, it, expect } from 'vitest';
import { parseMessage, editMessage } from '../../../engine/sip/index.js';

const msg = parseMessage(Buffer.from(
  'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\n'
  + 'Call-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n'));
const names = (b: Buffer) => { const m = parseMessage(b); return [...Array(m.headerCount).keys()].map((i) => m.nameAt(i)); };

describe('MessageEditor.insertHeaderAt', () => {
  it('inserts before a given original line, keeping insertion order', () => {
    const e = editMessage(msg).insertHeaderAt(2, 'X-A', '1').insertHeaderAt(2, 'X-B', '2').insertHeaderAt(0, 'X-Top', '0');
    expect(names(e.toBuffer())).toEqual(['x-top', 'via', 'to', 'x-a', 'x-b', 'from', 'call-id', 'cseq', 'content-length']);
    expect(names(editMessage(msg).insertHeaderAt(msg.headerCount, 'X-End', '1').toBuffer()).at(-1)).toBe('x-end');
  });

  it('refuses a bad position, name or value', () => {
    expect(() => editMessage(msg).insertHeaderAt(99, 'X', '1')).toThrow();
    expect(() => editMessage(msg).insertHeaderAt(0, 'Bad Name', '1')).toThrow();
    expect(() => editMessage(msg).insertHeaderAt(0, 'X', 'a\r\nInjected: 1')).toThrow();
  });
});
