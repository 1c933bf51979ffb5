// The recorder's memory (issue 16, a simulator under load for days): with a sink, which keeps
// every exchange, only the newest stay in memory; without one, memory is the only record and
// keeps them all. Scoped recorders follow their root; the count of recorded exchanges is exact.
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../model/exchange.ts';
import { ExchangeRecorder } from './recorder.ts';

const exchange = (r: ExchangeRecorder, n: number): Exchange =>
  r.begin({
    transaction: 'ITI-18',
    from: 'http://127.0.0.1:1',
    to: `http://127.0.0.1:2/${n}`,
    request: r.payload({ body: `request ${n}` }),
  });

describe('the recorder keeps what it must in memory', () => {
  test('with a sink: the newest (limit to a quarter more) in memory, every one in the sink, the count exact', async () => {
    const sunk: Exchange[] = [];
    const root = new ExchangeRecorder({ sink: { recordExchanges: async (l) => void sunk.push(...l) }, memoryLimit: 100 });
    const sim = root.scope();
    for (let n = 0; n < 1_000; n++) sim.record(exchange(sim, n));
    await root.flush();
    expect(sunk).toHaveLength(1_000);
    for (const r of [root, sim]) {
      const kept = r.exchanges();
      expect(kept.length).toBeGreaterThanOrEqual(100);
      expect(kept.length).toBeLessThanOrEqual(125);
      expect(kept.at(-1)!.to).toBe('http://127.0.0.1:2/999');
      expect(kept.map((e) => Number(e.to.split('/').pop()))).toEqual(
        Array.from({ length: kept.length }, (_, i) => 1_000 - kept.length + i),
      );
      expect(r.recorded()).toBe(1_000);
    }
  });

  test('without a sink every exchange stays in memory', () => {
    const root = new ExchangeRecorder();
    for (let n = 0; n < 20_000; n++) root.record(exchange(root, n));
    expect(root.exchanges()).toHaveLength(20_000);
  });
});
