import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import {
  encodeMultipart,
  multipartRelatedType,
  newBoundary,
  parseContentType,
  readMultipart,
  readMultipartBuffered,
  writeMultipart,
} from './index.ts';

const bin = (n: number, seed = 1): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));
function* chunked(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('multipart writer and reader', () => {
  test('round-trips binary parts byte-exact, whatever the chunking', async () => {
    const boundary = newBoundary();
    const bodies = [bin(1000, 1), Buffer.from('\r\n--' + boundary.slice(0, 5) + '\r\n'), bin(70_000, 9), Buffer.alloc(0)];
    const msg = await encodeMultipart(
      bodies.map((b) => ({ headers: { 'Content-Type': 'application/dicom; transfer-syntax=1.2.840.10008.1.2.1' }, body: b })),
      boundary,
    );
    const ct = multipartRelatedType(boundary, 'application/dicom');
    for (const size of [1, 2, 3, 5, 7, 4096, msg.length]) {
      const parts = await readMultipartBuffered(chunked(msg, size), ct);
      expect(parts.map((p) => p.body.toString('hex'))).toEqual(bodies.map((b) => b.toString('hex')));
      expect(parts[0]).toMatchObject({ index: 0, mediaType: 'application/dicom', params: { 'transfer-syntax': '1.2.840.10008.1.2.1' } });
    }
  });

  test('parses a message split in two at every byte position', async () => {
    const msg = Buffer.from('--b\r\nContent-Type: a/b\r\n\r\nxy\r\n--b\r\nContent-Type: a/c\r\n\r\n\r\n--b--\r\n');
    for (let i = 1; i < msg.length; i++) {
      const parts = await readMultipartBuffered([msg.subarray(0, i), msg.subarray(i)], 'multipart/related; boundary=b');
      expect(parts.map((p) => `${p.mediaType}:${p.body.toString()}`)).toEqual(['a/b:xy', 'a/c:']);
    }
  });

  test('parses large chunks cut at every alignment against the delimiters', async () => {
    const bodies = [bin(150, 3), bin(1, 4), bin(0), bin(90, 5), bin(400, 6)];
    const msg = await encodeMultipart(
      bodies.map((b) => ({ headers: { 'Content-Type': 'x/y' }, body: b })),
      'b',
    );
    for (let size = 78; size < 260; size++) {
      const parts = await readMultipartBuffered(chunked(msg, size), 'multipart/related; boundary=b');
      expect(parts.map((p) => p.body.toString('hex'))).toEqual(bodies.map((b) => b.toString('hex')));
    }
  });

  test('streams lazily opened bodies and skips a preamble', async () => {
    const boundary = 'b1';
    const gen = writeMultipart(
      [{ headers: { 'Content-Type': 'text/plain' }, body: () => Readable.from([Buffer.from('ab'), Buffer.from('cd')]) }],
      boundary,
    );
    const chunks: Buffer[] = [Buffer.from('preamble text\r\n')];
    for await (const c of gen) chunks.push(c);
    const parts = await readMultipartBuffered(chunked(Buffer.concat(chunks), 3), 'multipart/related; boundary=b1');
    expect(parts.map((p) => p.body.toString())).toEqual(['abcd']);
  });

  test('drains a part the caller does not read', async () => {
    const msg = await encodeMultipart(
      [1, 2, 3].map((i) => ({ headers: { 'Content-Type': 'x/y' }, body: bin(200_000, i) })),
      'q',
    );
    const seen: number[] = [];
    for await (const p of readMultipart(chunked(msg, 16_384), 'multipart/related; boundary=q')) seen.push(p.index);
    expect(seen).toEqual([0, 1, 2]);
  });

  test('reports a body cut short as truncated', async () => {
    const msg = await encodeMultipart([{ headers: { 'Content-Type': 'x/y' }, body: bin(5000) }], 'q');
    await expect(readMultipartBuffered([msg.subarray(0, 3000)], 'multipart/related; boundary=q')).rejects.toMatchObject({
      code: 'truncated',
      partsSeen: 1,
    });
    await expect(readMultipartBuffered([msg.subarray(0, msg.length - 8)], 'multipart/related; boundary=q')).rejects.toMatchObject({
      code: 'truncated',
    });
  });

  test('enforces part count and size limits', async () => {
    const msg = await encodeMultipart(
      [1, 2, 3].map((i) => ({ headers: { 'Content-Type': 'x/y' }, body: bin(1000, i) })),
      'q',
    );
    await expect(readMultipartBuffered([msg], 'multipart/related; boundary=q', { maxParts: 2 })).rejects.toMatchObject({
      code: 'max-parts',
    });
    await expect(readMultipartBuffered(chunked(msg, 100), 'multipart/related; boundary=q', { maxPartSize: 500 })).rejects.toMatchObject({
      code: 'max-part-size',
    });
    await expect(readMultipartBuffered(chunked(msg, 100), 'multipart/related; boundary=q', { maxTotalSize: 1500 })).rejects.toMatchObject({
      code: 'max-total-size',
    });
  });

  test('rejects a non-multipart type, a missing boundary and a failing source', async () => {
    await expect(readMultipartBuffered([], 'application/dicom')).rejects.toMatchObject({ code: 'not-multipart' });
    await expect(readMultipartBuffered([], 'multipart/related')).rejects.toMatchObject({ code: 'invalid-boundary' });
    async function* dropped(): AsyncGenerator<Buffer> {
      yield Buffer.from('--q\r\nContent-Type: x/y\r\n\r\nabc');
      throw new Error('socket hang up');
    }
    await expect(readMultipartBuffered(dropped(), 'multipart/related; boundary=q')).rejects.toMatchObject({ code: 'source-error' });
  });

  test('parses quoted Content-Type parameters', () => {
    expect(parseContentType('Multipart/Related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.1; boundary="a b"')).toEqual({
      mediaType: 'multipart/related',
      params: { type: 'application/dicom', 'transfer-syntax': '1.2.840.10008.1.2.1', boundary: 'a b' },
    });
    expect(parseContentType('not a type')).toBeUndefined();
  });
});

describe('multipart reader: boundary parameter (RFC 2046 §5.1.1)', () => {
  const body = Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n');
  test.each([
    ['71 characters', 'b'.repeat(71)],
    ['a character outside bchars', 'b<b'],
    ['a trailing space', '"b "'],
  ])('refuses a boundary with %s', async (_t, boundary) => {
    await expect(readMultipartBuffered([body], `multipart/related; boundary=${boundary}`)).rejects.toMatchObject({
      code: 'invalid-boundary',
    });
  });
  test('accepts a 70-character boundary', async () => {
    const b = 'b'.repeat(70);
    const parts = await readMultipartBuffered(
      [Buffer.from(`--${b}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${b}--\r\n`)],
      `multipart/related; boundary=${b}`,
    );
    expect(parts.map((p) => p.body.toString())).toEqual(['x']);
  });
});
