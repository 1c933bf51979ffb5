// Issue 16 item 3: an ITI-65 Bundle that passes the cheap checks is read, checked and mapped on
// a worker thread, so /metadata and small ITI-67 queries keep answering while it is processed;
// a time budget and a heap bound refuse it (413 too-costly) with nothing stored; and what the
// worker prepares is stored exactly as the same Bundle prepared on the event loop.
import type { Bundle } from 'fhir/r4.js';
import { afterAll, describe, expect, test } from 'vitest';
import { conformantProvideBundle } from '../../fixtures/builders/mhd-bundle.ts';
import { openStore } from '../store/open-store.ts';
import type { XdsStore } from '../store/types.ts';
import { xdsConfig } from '../xds/config.ts';
import { DEFAULT_MAX_BUNDLE_ENTRIES, mhdConfig, type MhdConfig } from './config.ts';
import { startMhd, type MhdSimulator } from './index.ts';
import { LOAD_QUERY, loadBundle, PATIENT_QUERY, post, whileInFlight } from './in-flight.test-kit.ts';
import { documentsFor, entriesFor, largeProvideBundle } from './large-bundle.test-kit.ts';

// On the event loop a 2,000-entry Bundle held every other request for 3.5-4.5 s (measured
// before this change, moderately loaded), a 10,000-entry one about 15 s (the issue). Off the loop
// the worst small request was 80-500 ms for 2,000 entries with the 2-core machine's load
// average above 10: bound 1.5 s. For 10,000 entries the worst was 37 ms run alone, but after the
// 2,000-entry test in the same process one pause of about 2.7 s was seen (not the
// preparation, not the store: a handler-level measurement shows no loop gap over 130 ms; this
// process also builds and holds the 14.6 MB Bundle, so probably a major GC): bound 5 s, still a
// third of the old stall. The figures are printed.
const SMALL_BOUND_MS = { 2000: 1_500, 10000: 5_000 } as const;

const running: { sim: MhdSimulator; store: XdsStore }[] = [];
afterAll(async () => {
  for (const r of running) await r.sim.stop();
});

async function simulator(over: Partial<MhdConfig> = {}): Promise<{ sim: MhdSimulator; store: XdsStore }> {
  const store = await openStore('sqlite::memory:');
  const sim = await startMhd({ store, config: mhdConfig({ xds: xdsConfig({ acceptAnyPatient: true }), ...over }) });
  running.push({ sim, store });
  await (await fetch(`${sim.base}/metadata`)).arrayBuffer();
  return { sim, store };
}

async function total(sim: MhdSimulator, query = LOAD_QUERY): Promise<number> {
  const res = await fetch(`${sim.base}/DocumentReference?${query}&_count=1`);
  return ((await res.json()) as { total: number }).total;
}

const worst = (xs: number[]) => Math.round(Math.max(...xs));
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);

describe('ITI-65 Bundles within the entry limit are processed off the event loop', () => {
  for (const [entries, over] of [
    [DEFAULT_MAX_BUNDLE_ENTRIES, {}],
    [10_000, { maxBundleEntries: 10_000 }],
  ] as const) {
    test(`a ${entries.toLocaleString('en')}-entry Bundle is stored while /metadata and small ITI-67 queries keep answering`, async () => {
      const docs = documentsFor(entries);
      expect(entriesFor(docs)).toBe(entries);
      // The budget is the default's 60 s at most on a quiet machine; under this machine's load the work can take longer.
      const { sim } = await simulator({ ...over, bundleBudgetMs: 600_000 });
      const body = loadBundle(docs);
      const t0 = performance.now();
      const { res, text, small } = await whileInFlight(sim, post(sim, body));
      const took = Math.round(performance.now() - t0);
      expect(res.status, text.slice(0, 500)).toBe(200);
      expect((JSON.parse(text) as Bundle).entry).toHaveLength(entries);
      expect(await total(sim)).toBe(docs);
      console.log(
        `${entries}-entry Bundle (${(body.length / 1e6).toFixed(1)} MB) stored in ${took} ms; ${small.length} small requests meanwhile: median ${median(small)} ms, worst ${worst(small)} ms (loaded machine: not a result)`,
      );
      expect(small.length).toBeGreaterThan(2);
      expect(Math.max(...small)).toBeLessThan(SMALL_BOUND_MS[entries]);
    }, 900_000);
  }

  test('past its time budget a Bundle is refused with 413 too-costly and nothing is stored; the next one is stored', async () => {
    const { sim } = await simulator({ bundleBudgetMs: 50 });
    const body = loadBundle(documentsFor(2_000));
    const res = await post(sim, body);
    const outcome = (await res.json()) as { issue: { code: string; diagnostics: string }[] };
    expect(res.status).toBe(413);
    expect(outcome.issue[0]).toMatchObject({ code: 'too-costly' });
    expect(outcome.issue[0]!.diagnostics).toContain('budget of 50 ms');
    expect(outcome.issue[0]!.diagnostics).toContain('nothing was stored');
    expect(await total(sim)).toBe(0);
    const small = await post(sim, Buffer.from(JSON.stringify(conformantProvideBundle())));
    expect(small.status).toBe(200);
    expect(await total(sim, PATIENT_QUERY)).toBe(1);
  }, 300_000);

  test('past its heap bound a Bundle is refused with 413 too-costly and nothing is stored', async () => {
    const { sim } = await simulator({ bundleHeapMb: 64, maxBundleEntries: 10_000 });
    const body = loadBundle(documentsFor(10_000));
    const res = await post(sim, body);
    const outcome = (await res.json()) as { issue: { code: string; diagnostics: string }[] };
    expect(res.status).toBe(413);
    expect(outcome.issue[0]).toMatchObject({ code: 'too-costly' });
    expect(outcome.issue[0]!.diagnostics).toContain('heap bound of 64 MB');
    expect(await total(sim)).toBe(0);
  }, 300_000);

  test('a Bundle prepared on the worker is stored and answered exactly as on the event loop', async () => {
    const onLoop = await simulator({ offLoopBytes: Number.POSITIVE_INFINITY, offLoopObjects: Number.POSITIVE_INFINITY });
    const offLoop = await simulator({ offLoopBytes: 0 });
    const body = Buffer.from(JSON.stringify(largeProvideBundle(conformantProvideBundle() as Bundle, 3)));
    const uid = (conformantProvideBundle().entry![1]!.resource as unknown as { masterIdentifier: { value: string } }).masterIdentifier
      .value;
    const seen = await Promise.all(
      [onLoop, offLoop].map(async ({ sim, store }) => {
        const answer = JSON.stringify(await (await post(sim, body)).json());
        // The SubmissionSet's entryUUID is assigned at registration (random): masked on both sides.
        const ss = /List\/([0-9a-f-]{36})/.exec(answer)![1]!;
        const records = await store.documentsByUniqueId([1, 2, 3].map((i) => `${uid.replace(/^urn:oid:/, '')}.3.${i}`));
        return { answer: answer.replaceAll(ss, 'SS'), records: JSON.stringify(records).replaceAll(ss, 'SS'), count: records.length };
      }),
    );
    expect(seen[0]!.count).toBe(3);
    expect(seen[1]).toEqual(seen[0]);
  }, 300_000);
});
