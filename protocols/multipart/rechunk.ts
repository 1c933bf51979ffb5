// multipasta 0.2.8 mis-parses a part when a write ends within a few bytes after a boundary
// delimiter (it skips the CRLF and checks the closing "--" only inside one write). TCP can
// split anywhere, so writes are re-cut: never inside a delimiter or just after one.
export class Rechunker {
  private carry: Buffer = Buffer.alloc(0);
  private readonly dash: Buffer;
  private readonly hold: number;

  constructor(boundary: string) {
    this.dash = Buffer.from(`--${boundary}`, 'latin1');
    // Delimiter with its leading CRLF, plus room for CRLF or the closing "--" after it.
    this.hold = this.dash.length + 8;
  }

  /** Byte ranges that are safe to hand to the parser now, in order. */
  push(chunk: Uint8Array): Buffer[] {
    const c = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const head = 4 * this.hold;
    if (c.length < head + 2 * this.hold) return this.cut(this.carry.length ? Buffer.concat([this.carry, c]) : c);
    // Large chunk: only the carry and the chunk's first bytes are copied; the rest is passed on.
    const split = this.safePoint(c, head);
    const first = Buffer.concat([this.carry, c.subarray(0, split)]);
    this.carry = Buffer.alloc(0);
    return [first, ...this.cut(c.subarray(split))];
  }

  /** Keeps the tail back; returns the safe head, if any. */
  private cut(buf: Buffer): Buffer[] {
    const cut = this.safePoint(buf, buf.length - this.hold);
    if (cut <= 0) {
      this.carry = buf;
      return [];
    }
    this.carry = buf.subarray(cut);
    return [buf.subarray(0, cut)];
  }

  /** x, or earlier when a delimiter starts before x and ends within 4 bytes after it. */
  private safePoint(buf: Buffer, x: number): number {
    if (x <= 0) return 0;
    const from = Math.max(0, x - this.dash.length - 4);
    const at = buf.indexOf(this.dash, from);
    return at !== -1 && at < x ? Math.max(0, at - 2) : x;
  }

  flush(): Buffer | undefined {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return rest.length ? rest : undefined;
  }
}
