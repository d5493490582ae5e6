// Collects byte ranges of an existing Buffer and new strings, then copies them once into a
// Buffer of the exact size. Untouched parts of a message are copied, never re-encoded.

export class ByteBuilder {
  private readonly parts: (Buffer | string)[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private length = 0;

  /** Bytes [start, end) of `buf`; joins with the previous range when contiguous. */
  range(buf: Buffer, start: number, end: number): this {
    if (end <= start) return this;
    const n = this.parts.length - 1;
    if (n >= 0 && this.parts[n] === buf && this.ends[n] === start) this.ends[n] = end;
    else {
      this.parts.push(buf);
      this.starts.push(start);
      this.ends.push(end);
    }
    this.length += end - start;
    return this;
  }

  /** `byteLength`: the string's UTF-8 length when the caller has measured it already. */
  text(s: string, byteLength?: number): this {
    if (s.length === 0) return this;
    this.parts.push(s);
    this.starts.push(0);
    this.ends.push(0);
    this.length += byteLength ?? Buffer.byteLength(s, 'utf8');
    return this;
  }

  bytes(b: Buffer): this {
    return this.range(b, 0, b.length);
  }

  toBuffer(): Buffer {
    const out = Buffer.allocUnsafe(this.length);
    let at = 0;
    for (let i = 0; i < this.parts.length; i++) {
      const p = this.parts[i];
      if (typeof p === 'string') at += out.write(p, at, 'utf8');
      else at += p.copy(out, at, this.starts[i], this.ends[i]);
    }
    return out;
  }
}
