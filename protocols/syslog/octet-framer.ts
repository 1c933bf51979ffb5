// RFC 5425 §4.3 / RFC 6587 §3.4.1 octet-counting framing: "MSG-LEN SP SYSLOG-MSG", MSG-LEN a
// decimal without leading zeros. TCP delivers any split or coalescing of frames, so bytes are
// buffered until a whole frame is there. A bad or oversized length cannot be resynchronised
// (the next frame boundary is unknown), so the framer reports it once and stops.

/** RFC 5425 §4.3.1: receivers SHOULD accept 8192 octets and MAY accept more; audit XML can be larger. */
export const DEFAULT_MAX_FRAME = 256 * 1024;

export type FrameEvent = { frame: Uint8Array } | { error: 'bad-length' | 'oversize'; message: string };

const SP = 0x20;
// The longest decimal a length within any sane limit can have, plus one: beyond it without
// a space the header is junk, not a slow sender.
const MAX_LEN_DIGITS = 10;

export class OctetFramer {
  private buf: Uint8Array = new Uint8Array(0);
  private broken = false;

  constructor(private readonly maxFrame = DEFAULT_MAX_FRAME) {}

  /** Feeds bytes; returns the frames (and at most one error) they complete. */
  push(chunk: Uint8Array): FrameEvent[] {
    if (this.broken) return [];
    this.buf = this.buf.length ? concat(this.buf, chunk) : chunk;
    const out: FrameEvent[] = [];
    let pos = 0;
    for (;;) {
      const sp = this.buf.indexOf(SP, pos);
      const headerEnd = sp < 0 ? this.buf.length : sp;
      const digits = this.buf.subarray(pos, headerEnd);
      if (!isLength(digits, sp < 0))
        return this.fail(
          out,
          'bad-length',
          `frame at octet ${pos}: expected MSG-LEN (digits, no leading zero) then SP; found ${show(this.buf.subarray(pos, pos + 12))}`,
        );
      if (sp < 0) break;
      const len = Number(new TextDecoder().decode(digits));
      if (len > this.maxFrame)
        return this.fail(out, 'oversize', `frame at octet ${pos}: MSG-LEN ${len} exceeds the limit of ${this.maxFrame} octets`);
      const start = sp + 1;
      if (this.buf.length - start < len) break;
      out.push({ frame: this.buf.slice(start, start + len) });
      pos = start + len;
    }
    this.buf = this.buf.subarray(pos);
    return out;
  }

  /** Bytes of an unfinished frame left when the stream ends (0 means it ended cleanly). */
  get pending(): number {
    return this.buf.length;
  }

  private fail(out: FrameEvent[], error: 'bad-length' | 'oversize', message: string): FrameEvent[] {
    this.broken = true;
    this.buf = new Uint8Array(0);
    out.push({ error, message });
    return out;
  }
}

/** Prefixes one message with its MSG-LEN. */
export function frameOctetCounted(msg: Uint8Array): Uint8Array {
  return concat(new TextEncoder().encode(`${msg.length} `), msg);
}

/** Digits so far form a valid MSG-LEN (or its start, when `partial`). */
function isLength(d: Uint8Array, partial: boolean): boolean {
  if (d.length === 0) return partial;
  if (d.length > MAX_LEN_DIGITS || d[0] === 0x30) return false;
  return d.every((b) => b >= 0x30 && b <= 0x39);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const c = new Uint8Array(a.length + b.length);
  c.set(a);
  c.set(b, a.length);
  return c;
}

function show(b: Uint8Array): string {
  return JSON.stringify(new TextDecoder().decode(b));
}
