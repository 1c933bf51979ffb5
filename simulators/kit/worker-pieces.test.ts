// A worker's long answer in pieces (worker-pieces.ts): the value comes back whole and equal,
// the sender's value is left as it was, and the receiving loop takes one piece per turn, so
// timers and I/O run between pieces instead of waiting for the whole answer.
import { afterAll, describe, expect, test } from 'vitest';
import { postPieces, receivePieces } from './worker-pieces.ts';
import { createWorkerPool } from './worker-pool.ts';

const answer = () => ({
  kind: 'answer',
  rows: Array.from({ length: 1_000 }, (_, i) => ({ i, name: `row ${i}`, bytes: new Uint8Array([i % 256, 1]) })),
  nested: { items: Array.from({ length: 35 }, (_, i) => [i, String(i)]), small: [1, 2] },
  absent: undefined,
});

describe('an answer in pieces', () => {
  test('is put back equal to the value sent, and the value sent is not changed', async () => {
    const value = answer();
    const split = postPieces(value, ['rows', 'nested.items', 'nested.small', 'absent.list', 'kind'], 10);
    expect(split).toBeDefined();
    // 'nested.small' is not longer than a piece and 'absent.list'/'kind' are no arrays: left in the head.
    expect(split!.ref.count).toBe(100 + 4);
    expect((split!.head as ReturnType<typeof answer>).rows).toEqual([]);
    expect(value.rows).toHaveLength(1_000);
    expect(await receivePieces(split!.head, split!.ref, () => false)).toEqual(answer());
  });

  test('the receiving loop takes one piece per turn: other callbacks run between pieces', async () => {
    const split = postPieces(answer(), ['rows'], 10)!;
    let turns = 0;
    let receiving = true;
    const spin = () => {
      turns++;
      if (receiving) setImmediate(spin);
    };
    setImmediate(spin);
    await receivePieces(split.head, split.ref, () => false);
    receiving = false;
    // 100 pieces: the other callback ran between (nearly) every two of them.
    expect(turns).toBeGreaterThanOrEqual(99);
  });

  test('nothing long enough to split sends the value whole; a cancelled receipt stops', async () => {
    expect(postPieces({ rows: [1, 2, 3] }, ['rows'], 10)).toBeUndefined();
    const split = postPieces(answer(), ['rows'], 10)!;
    let asked = 0;
    const head = (await receivePieces(split.head, split.ref, () => ++asked > 3)) as ReturnType<typeof answer>;
    expect(head.rows).toHaveLength(30);
  });

  test('a missing piece is an error, not a short answer', async () => {
    const split = postPieces(answer(), ['rows'], 10)!;
    await expect(receivePieces(split.head, { ...split.ref, count: split.ref.count + 1 }, () => false)).rejects.toThrow(
      'lacks piece 101 of 101',
    );
  });
});

const pool = createWorkerPool<unknown, unknown>({
  source: 'simulators/kit/worker-pieces.test-worker.ts',
  distName: 'unused',
  size: 1,
  heapMb: 64,
});
afterAll(() => pool.close());

describe('a worker pool whose worker names long arrays', () => {
  test('answers the value whole and equal, through pieces', async () => {
    const value = answer();
    await expect(pool.run(value, { timeoutMs: 60_000 })).resolves.toEqual(value);
  }, 90_000);
});
