import { describe, expect, test } from 'vitest';
import { frameMllp, MllpFramer, type FramerEvent } from './mllp-framer.ts';

const A = 'MSH|^~\\&|A|B|C|D|20250101||ORU^R01|1|P|2.5\rPID|1\r';
const B = 'MSH|^~\\&|A|B|C|D|20250101||ORU^R01|2|P|2.5\r';

function feed(chunks: Buffer[], max = 1024): FramerEvent[] {
  const f = new MllpFramer({ maxFrameBytes: max });
  return [...chunks.flatMap((c) => f.push(c)), ...f.end()];
}

function frames(events: FramerEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'frame' ? [e.payload.toString('latin1')] : []));
}

function split(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

describe('MllpFramer', () => {
  test('yields one frame from one chunk', () => {
    expect(frames(feed([frameMllp(A)]))).toEqual([A]);
  });

  test('yields both frames when two arrive in one chunk (the simple-hl7 bug)', () => {
    expect(frames(feed([Buffer.concat([frameMllp(A), frameMllp(B)])]))).toEqual([A, B]);
  });

  test('yields the same frames however the stream is split, down to one byte per chunk', () => {
    const stream = Buffer.concat([frameMllp(A), frameMllp(B), frameMllp(A)]);
    for (let size = 1; size <= stream.length; size++) {
      const ev = feed(split(stream, size));
      expect(
        ev.map((e) => e.kind),
        `chunk size ${size}`,
      ).toEqual(['frame', 'frame', 'frame']);
      expect(frames(ev)).toEqual([A, B, A]);
    }
  });

  test('handles FS at the end of one chunk and CR at the start of the next', () => {
    const s = frameMllp(A);
    expect(frames(feed([s.subarray(0, s.length - 1), s.subarray(s.length - 1)]))).toEqual([A]);
  });

  test('reports junk before VT and still yields the frame after it', () => {
    const ev = feed([Buffer.concat([Buffer.from('garbage'), frameMllp(A)])]);
    expect(ev[0]).toEqual({ kind: 'junk', bytes: 7, whitespace: false });
    expect(frames(ev)).toEqual([A]);
  });

  test('flags CR LF between frames as whitespace junk', () => {
    const ev = feed([Buffer.concat([frameMllp(A), Buffer.from('\r\n'), frameMllp(B)])]);
    expect(ev.map((e) => e.kind)).toEqual(['frame', 'junk', 'frame']);
    expect(ev[1]).toMatchObject({ whitespace: true, bytes: 2 });
  });

  test('reports junk when a chunk holds no VT at all', () => {
    const f = new MllpFramer({ maxFrameBytes: 100 });
    expect(f.push(Buffer.from(A))).toEqual([{ kind: 'junk', bytes: A.length, whitespace: false }]);
  });

  test('truncates a frame that a new VT interrupts, then yields the new frame', () => {
    const stream = Buffer.concat([Buffer.from([0x0b]), Buffer.from('MSH|half'), frameMllp(B)]);
    const ev = feed([stream]);
    expect(ev.map((e) => e.kind)).toEqual(['truncated', 'frame']);
    expect(ev[0]).toMatchObject({ reason: 'new-start', bytes: 8 });
    expect(frames(ev)).toEqual([B]);
  });

  test('truncates a frame whose FS is not followed by CR', () => {
    const ev = feed([Buffer.concat([Buffer.from([0x0b]), Buffer.from(A), Buffer.from([0x1c, 0x41]), frameMllp(B)])]);
    expect(ev.map((e) => e.kind)).toEqual(['truncated', 'junk', 'frame']);
    expect(ev[0]).toMatchObject({ reason: 'bad-trailer' });
  });

  test('truncates a frame still open when the stream ends', () => {
    const ev = feed([Buffer.concat([Buffer.from([0x0b]), Buffer.from(A)])]);
    expect(ev).toEqual([expect.objectContaining({ kind: 'truncated', reason: 'end-of-stream', bytes: A.length })]);
  });

  test('discards an oversized frame, reports it once with its head, and resumes', () => {
    const big = 'MSH|^~\\&|' + 'x'.repeat(5000);
    const stream = Buffer.concat([frameMllp(big), frameMllp(A)]);
    for (const size of [1, 7, 100, stream.length]) {
      const ev = feed(split(stream, size), 1000);
      expect(
        ev.map((e) => e.kind),
        `chunk ${size}`,
      ).toEqual(['oversize', 'frame']);
      expect((ev[0] as { head: Buffer }).head.toString('latin1').startsWith('MSH|^~\\&|')).toBe(true);
      expect(frames(ev)).toEqual([A]);
    }
  });

  test('accepts a frame of exactly the maximum size', () => {
    expect(frames(feed([frameMllp(A)], Buffer.byteLength(A)))).toEqual([A]);
    expect(feed([frameMllp(A)], Buffer.byteLength(A) - 1)[0]?.kind).toBe('oversize');
  });

  test('resumes at a new VT when an oversized frame never ends', () => {
    const stream = Buffer.concat([Buffer.from([0x0b]), Buffer.alloc(3000, 0x41), frameMllp(A)]);
    expect(feed([stream], 1000).map((e) => e.kind)).toEqual(['oversize', 'frame']);
  });

  test('keeps binary bytes beyond ASCII intact', () => {
    const body = Buffer.from('MSH|^~\\&|ÄÖü|€\r', 'utf8');
    const ev = feed([frameMllp(body)]);
    expect((ev[0] as { payload: Buffer }).payload.equals(body)).toBe(true);
  });

  test('frameMllp wraps in VT … FS CR', () => {
    expect([...frameMllp('AB')]).toEqual([0x0b, 0x41, 0x42, 0x1c, 0x0d]);
  });
});
