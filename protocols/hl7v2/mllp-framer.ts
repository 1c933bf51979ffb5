// MLLP (HL7 v2 transport, Appendix C): VT message FS CR. A stream parser that keeps no more
// than one frame: split frames, coalesced frames, bytes between frames and oversized frames
// all become events, so the adapter decides whether to NAK or close.
export const SB = 0x0b;
export const EB = 0x1c;
export const CR = 0x0d;

export type FramerEvent =
  | { kind: 'frame'; payload: Buffer }
  /** Bytes outside any frame; whitespace-only runs (CR/LF between frames) are reported too, flagged. */
  | { kind: 'junk'; bytes: number; whitespace: boolean }
  /** A frame grew beyond maxFrameBytes; its remaining bytes are discarded up to FS CR. */
  | { kind: 'oversize'; bytes: number; head: Buffer }
  /** A frame ended without FS CR: a new VT arrived, FS was followed by another byte, or the stream ended. */
  | { kind: 'truncated'; bytes: number; head: Buffer; reason: 'new-start' | 'bad-trailer' | 'end-of-stream' };

export interface FramerOptions {
  /** Largest message accepted, in bytes, without the framing. */
  maxFrameBytes: number;
}

type State = 'idle' | 'frame' | 'frame-fs' | 'discard' | 'discard-fs';

const HEAD = 512;

export class MllpFramer {
  private state: State = 'idle';
  private parts: Buffer[] = [];
  private size = 0;
  private junk = 0;
  private junkWhitespace = true;
  private discarded = 0;
  private readonly max: number;

  constructor(opts: FramerOptions) {
    this.max = opts.maxFrameBytes;
  }

  push(chunk: Buffer): FramerEvent[] {
    const out: FramerEvent[] = [];
    let i = 0;
    while (i < chunk.length) {
      switch (this.state) {
        case 'idle': {
          const sb = chunk.indexOf(SB, i);
          const end = sb < 0 ? chunk.length : sb;
          if (end > i) this.noteJunk(chunk, i, end);
          if (sb < 0) return this.flushJunkIfWhole(out);
          this.flushJunk(out);
          this.state = 'frame';
          i = sb + 1;
          break;
        }
        case 'frame': {
          const fs = chunk.indexOf(EB, i);
          const sb = chunk.indexOf(SB, i);
          if (sb >= 0 && (fs < 0 || sb < fs)) {
            this.take(chunk, i, sb, out);
            // An oversize event already told of this frame; do not report it twice.
            if (this.state === 'frame') out.push(this.truncated('new-start'));
            this.state = 'frame';
            i = sb + 1;
            break;
          }
          const end = fs < 0 ? chunk.length : fs;
          this.take(chunk, i, end, out);
          if (fs < 0) return out;
          if (this.state === 'frame') this.state = 'frame-fs';
          else this.state = 'discard-fs';
          i = fs + 1;
          break;
        }
        case 'frame-fs': {
          if (chunk[i] === CR) {
            out.push({ kind: 'frame', payload: this.collect() });
            this.state = 'idle';
            i++;
          } else {
            out.push(this.truncated('bad-trailer'));
            this.state = 'idle';
          }
          break;
        }
        case 'discard': {
          const fs = chunk.indexOf(EB, i);
          const sb = chunk.indexOf(SB, i);
          if (sb >= 0 && (fs < 0 || sb < fs)) {
            // The oversized frame never ended; a new one starts here.
            this.discarded = 0;
            this.state = 'frame';
            i = sb + 1;
            break;
          }
          if (fs < 0) {
            this.discarded += chunk.length - i;
            return out;
          }
          this.discarded += fs - i;
          this.state = 'discard-fs';
          i = fs + 1;
          break;
        }
        case 'discard-fs': {
          if (chunk[i] === CR) i++;
          this.state = 'idle';
          this.discarded = 0;
          break;
        }
      }
    }
    return this.state === 'idle' ? this.flushJunkIfWhole(out) : out;
  }

  /** The peer closed its side: a frame in progress is truncated, pending junk reported. */
  end(): FramerEvent[] {
    const out: FramerEvent[] = [];
    if (this.state === 'frame' || this.state === 'frame-fs') out.push(this.truncated('end-of-stream'));
    this.flushJunk(out);
    this.state = 'idle';
    return out;
  }

  /** A VT was read and its frame has not ended yet (the adapter's per-frame timeout runs meanwhile). */
  get inFrame(): boolean {
    return this.state !== 'idle';
  }

  /** Bytes held for the frame in progress. */
  get buffered(): number {
    return this.size;
  }

  private take(chunk: Buffer, from: number, to: number, out: FramerEvent[]): void {
    if (to <= from) return;
    if (this.state === 'discard') {
      this.discarded += to - from;
      return;
    }
    const len = to - from;
    if (this.size + len > this.max) {
      const head = Buffer.concat([...this.parts, chunk.subarray(from, Math.min(to, from + HEAD))]).subarray(0, HEAD);
      out.push({ kind: 'oversize', bytes: this.size + len, head: Buffer.from(head) });
      this.parts = [];
      this.size = 0;
      this.state = 'discard';
      return;
    }
    // Copy: the socket may reuse its chunk buffers.
    this.parts.push(Buffer.from(chunk.subarray(from, to)));
    this.size += len;
  }

  private collect(): Buffer {
    const payload = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return payload;
  }

  private truncated(reason: 'new-start' | 'bad-trailer' | 'end-of-stream'): FramerEvent {
    const bytes = this.size;
    const payload = this.collect();
    return { kind: 'truncated', bytes, head: Buffer.from(payload.subarray(0, HEAD)), reason };
  }

  private noteJunk(chunk: Buffer, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const b = chunk[k]!;
      if (b !== 0x0d && b !== 0x0a && b !== 0x20 && b !== 0x09) {
        this.junkWhitespace = false;
        break;
      }
    }
    this.junk += to - from;
  }

  private flushJunk(out: FramerEvent[]): void {
    if (this.junk > 0) out.push({ kind: 'junk', bytes: this.junk, whitespace: this.junkWhitespace });
    this.junk = 0;
    this.junkWhitespace = true;
  }

  // Junk is reported when the chunk ends outside a frame, so a peer that never sends VT
  // still gets an answer instead of silence.
  private flushJunkIfWhole(out: FramerEvent[]): FramerEvent[] {
    this.flushJunk(out);
    return out;
  }
}

/** Wraps one message in VT ... FS CR. */
export function frameMllp(message: Buffer | string): Buffer {
  const body = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  const out = Buffer.allocUnsafe(body.length + 3);
  out[0] = SB;
  body.copy(out, 1);
  out[body.length + 1] = EB;
  out[body.length + 2] = CR;
  return out;
}
