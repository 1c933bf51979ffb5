// Property tests over the wire parsers (issue 16 item 5): on any input they return a value or
// fail in their documented way, never throw anything else, never loop, and take time in
// proportion to the input. Runs are few (CI time on a shared machine); the time budget per run
// is generous (500 ms + 1 ms per KB), so only a hang or a blow-up fails it, not a slow moment.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { conformantManifest, toBytes } from '../fixtures/builders/kos-fixtures.ts';
import { oruR01 } from '../fixtures/builders/hl7-messages.ts';
import { readPart10 } from './dicom/reader.ts';
import { parseEr7 } from './hl7v2/er7-parser.ts';
import { frameMllp, MllpFramer } from './hl7v2/mllp-framer.ts';
import { MultipartReadError, readMultipartBuffered } from './multipart/index.ts';
import { parseXml } from './xml/parse-xml.ts';

const RUNS = { numRuns: 150, seed: 16 };

function budgetMs(bytes: number): number {
  return 500 + bytes / 1024;
}

/** Runs fn and checks it kept to the time budget for `bytes` of input. */
function timed<T>(bytes: number, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  if (ms > budgetMs(bytes)) throw new Error(`took ${ms.toFixed(0)} ms for ${bytes} bytes`);
  return r;
}

async function timedAsync<T>(bytes: number, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  if (ms > budgetMs(bytes)) throw new Error(`took ${ms.toFixed(0)} ms for ${bytes} bytes`);
  return r;
}

/** A conformant artefact with a few bytes overwritten, a cut and a stretch repeated. */
function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      writes: fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      cut: fc.nat({ max: base.length }),
      repeat: fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 200 })),
    })
    .map(({ writes, cut, repeat: [at, len, times] }) => {
      const b = Buffer.from(base);
      for (const [i, v] of writes) b[i] = v;
      const stretch = b.subarray(at, at + len);
      return Buffer.concat([b.subarray(0, at), ...Array<Buffer>(times).fill(stretch), b.subarray(at, cut)]);
    });
}

/** Strings made of the tokens a parser cares about, so random inputs reach deep states. */
function tokens(alphabet: string[], maxLength = 400): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...alphabet), { maxLength }).map((t) => t.join(''));
}

describe('DICOM Part 10 reader', () => {
  const kos = toBytes(conformantManifest());
  test('never throws on damaged KOS files or random bytes; problems point inside the input', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(kos), fc.uint8Array({ maxLength: 2048 })), fc.boolean(), (bytes, shallow) => {
        const f = timed(bytes.length, () => readPart10(bytes, { shallow }));
        for (const p of f.problems) expect(p.offset).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});

describe('XML scanner (parseXml)', () => {
  const XML_TOKENS = [
    '<',
    '>',
    '/',
    '</',
    '/>',
    'a',
    'b:c',
    ' ',
    '=',
    '"',
    "'",
    'x="1"',
    'xmlns:b="urn:b"',
    '&',
    '&amp;',
    '&#',
    '&#x',
    '0;',
    'lt;',
    ';',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '<?',
    '?>',
    '<!DOCTYPE',
    '\0',
    '\u0001',
    'é',
    '\uD800',
    '\uFFFE',
    '\r\n',
    '<?xml version="1.0" encoding="UTF-16"?>',
  ];
  const CODES = ['too-large', 'doctype', 'too-deep', 'invalid-utf8', 'malformed', 'empty', 'unbound-prefix', 'invalid-char', 'encoding'];
  test('never throws on token soup, strings or bytes; errors carry a known code', () => {
    fc.assert(
      fc.property(
        fc.oneof(tokens(XML_TOKENS), fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 600 })),
        (input) => {
          const size = typeof input === 'string' ? input.length * 3 : input.length;
          const r = timed(size, () => parseXml(input, { maxDepth: 32 }));
          if (!r.ok) expect(CODES).toContain(r.error.code);
        },
      ),
      RUNS,
    );
  });
  test('deep nesting stays linear and is refused at the depth limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (n) => {
        const r = timed(n * 7, () => parseXml(`${'<a>'.repeat(n)}${'</a>'.repeat(n)}`, { maxDepth: 64 }));
        expect(r.ok).toBe(n <= 64);
      }),
      { numRuns: 20, seed: 16 },
    );
  });
});

describe('multipart reader', () => {
  const MP_TOKENS = [
    '--b',
    '--b--',
    '\r\n',
    '\n',
    'Content-Type: text/plain',
    'Content-ID: <x>',
    ':',
    'a',
    ' ',
    '\r\n\r\n',
    '--',
    'b',
    '\0',
    'é',
  ];
  test('resolves or rejects with a MultipartReadError, whatever the body and the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(tokens(MP_TOKENS, 200), fc.integer({ min: 1, max: 64 }), async (text, chunk) => {
        const body = Buffer.from(text);
        const pieces: Buffer[] = [];
        for (let i = 0; i < body.length; i += chunk) pieces.push(body.subarray(i, i + chunk));
        await timedAsync(body.length, async () => {
          try {
            await readMultipartBuffered(Readable.from(pieces), 'multipart/related; boundary=b', { maxParts: 50 });
          } catch (e) {
            if (!(e instanceof MultipartReadError)) throw e;
          }
        });
      }),
      { numRuns: 100, seed: 16 },
    );
  });
});

describe('ER7 parser', () => {
  const ER7_TOKENS = [
    'MSH',
    'MSH|^~\\&|',
    'PID',
    'OBX',
    '|',
    '^',
    '~',
    '\\',
    '&',
    '\r',
    '\n',
    '\r\n',
    '\\X41\\',
    '\\E\\',
    'UNICODE UTF-8',
    '8859/1',
    'a',
    '1',
    ' ',
    '\0',
    'é',
    '\uD800',
  ];
  const CODES = ['empty', 'separators', 'charset', 'segment'];
  test('never throws on token soup, strings or bytes; failures carry a known code and a path', () => {
    fc.assert(
      fc.property(fc.oneof(tokens(ER7_TOKENS), mutated(Buffer.from(oruR01())), fc.uint8Array({ maxLength: 600 })), (input) => {
        const r = timed(typeof input === 'string' ? input.length * 3 : input.length, () => parseEr7(input));
        if (!r.ok) {
          expect(CODES).toContain(r.code);
          expect(typeof r.path).toBe('string');
        }
      }),
      RUNS,
    );
  });
});

describe('MLLP framer', () => {
  test('never throws, whatever bytes arrive in whatever chunks; payloads never exceed the input', () => {
    const bytes = fc.array(fc.constantFrom(0x0b, 0x1c, 0x0d, 0x0a, 0x41, 0x00), { maxLength: 2000 }).map((a) => Buffer.from(a));
    const withFrames = fc.array(fc.oneof(bytes, fc.constant(frameMllp('MSH|^~\\&|A\r'))), { maxLength: 6 }).map((a) => Buffer.concat(a));
    fc.assert(
      fc.property(withFrames, fc.integer({ min: 1, max: 97 }), fc.integer({ min: 1, max: 300 }), (input, chunk, max) => {
        const f = new MllpFramer({ maxFrameBytes: max });
        const events = timed(input.length, () => {
          const out = [];
          for (let i = 0; i < input.length; i += chunk) out.push(...f.push(input.subarray(i, i + chunk)));
          out.push(...f.end());
          return out;
        });
        const payload = events.reduce((n, e) => n + (e.kind === 'frame' ? e.payload.length : 0), 0);
        expect(payload).toBeLessThanOrEqual(input.length);
        for (const e of events) if (e.kind === 'frame') expect(e.payload.length).toBeLessThanOrEqual(max);
      }),
      RUNS,
    );
  });
});
