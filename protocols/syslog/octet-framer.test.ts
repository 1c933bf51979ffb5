import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { frameOctetCounted, OctetFramer } from './octet-framer.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const frames = (evs: ReturnType<OctetFramer['push']>) => evs.map((e) => ('frame' in e ? dec(e.frame) : `!${e.error}`));

describe('RFC 5425 octet-counting framer', () => {
  test('reads coalesced frames from one chunk', () => {
    expect(frames(new OctetFramer().push(enc('5 hello3 abc1 x')))).toEqual(['hello', 'abc', 'x']);
  });

  test('reassembles a frame split inside the length, after the space and inside the body', () => {
    const f = new OctetFramer();
    expect(frames(f.push(enc('1')))).toEqual([]);
    expect(frames(f.push(enc('1 ')))).toEqual([]);
    expect(frames(f.push(enc('hello ')))).toEqual([]);
    expect(f.pending).toBe(9);
    expect(frames(f.push(enc('world2 ok')))).toEqual(['hello world', 'ok']);
    expect(f.pending).toBe(0);
  });

  test('any split of a framed stream gives the same frames (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (msgs, cuts) => {
          const all = Buffer.concat(msgs.map((m) => frameOctetCounted(enc(m))));
          const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
          const f = new OctetFramer();
          const got: string[] = [];
          let prev = 0;
          for (const p of [...points, all.length]) {
            got.push(...frames(f.push(all.subarray(prev, p))));
            prev = p;
          }
          expect(got).toEqual(msgs);
        },
      ),
    );
  });

  test.each([
    ['a letter', 'x5 hello'],
    ['a leading zero', '05 hello'],
    ['a missing length', ' hello'],
    ['a run of digits with no space', '12345678901'],
  ])('reports bad-length once for %s and stops', (_w, input) => {
    const f = new OctetFramer();
    expect(frames(f.push(enc(input)))).toEqual(['!bad-length']);
    expect(f.push(enc('2 ok'))).toEqual([]);
  });

  test('reports oversize before buffering the body', () => {
    const f = new OctetFramer(100);
    expect(frames(f.push(enc('2 ok101 ')))).toEqual(['ok', '!oversize']);
  });
});
