// Issue 16 item 3, the last stall: the worker's answer for a big ITI-65 Bundle used to arrive
// as one message whose deserialization held the event loop (10,000 entries: about 1 s at load
// ~6). Its long arrays now come in pieces the loop takes one per turn (kit/worker-pieces.ts).
// Here a 5,000-entry Bundle (limit raised) is stored on a SQLite file, as the CLI does, while two
// clients query; the worst small request and the worst loop gap are printed, the worst small
// request is bounded, and a Bundle whose answer came in pieces is stored and answered exactly
// as on the event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from 'fhir/r4.js';
import { afterAll, describe, expect, test } from 'vitest';
import { conformantProvideBundle } from '../../fixtures/builders/mhd-bundle.ts';
import { openStore } from '../store/open-store.ts';
import type { XdsStore } from '../store/types.ts';
import { xdsConfig } from '../xds/config.ts';
import { warmOffLoop } from './bundle-off-loop.ts';
import { mhdConfig, type MhdConfig } from './config.ts';
import { startMhd, type MhdSimulator } from './index.ts';
import { LOAD_QUERY, loadBundle, post, whileInFlight } from './in-flight.test-kit.ts';
import { documentsFor, entriesFor, largeProvideBundle } from './large-bundle.test-kit.ts';

// 5,000 entries on the 2-core machine: worst small request 24 ms, worst loop gap 26 ms, with the
// commit and the WAL checkpoint on the SQLite writer thread (store/sqlite-writer.ts); before it,
// 38-98 ms and gaps of 128-178 ms (the COMMIT and its checkpoint on the loop, load 2.2-3.6), and
// before the pieces 61-339 ms. The bound leaves room for a full test run on two cores (load up to
// 13 seen); the 100 ms is measured alone by `npm run bench load`. That pieces come one
// per loop turn is checked exactly in kit/worker-pieces.test.ts.
const SMALL_BOUND_MS = 250;
const ENTRIES = 5_000;

const dirs: string[] = [];
const running: MhdSimulator[] = [];
afterAll(async () => {
  for (const s of running) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function simulator(over: Partial<MhdConfig> = {}): Promise<{ sim: MhdSimulator; store: XdsStore }> {
  const dir = mkdtempSync(join(tmpdir(), 'mhd-answer-gap-'));
  dirs.push(dir);
  const store = await openStore(`sqlite:${join(dir, 'store.db')}`);
  const config = mhdConfig({ xds: xdsConfig({ acceptAnyPatient: true }), bundleBudgetMs: 600_000, ...over });
  // As the CLI does before announcing the simulator: the worker is started and compiled.
  await warmOffLoop(config);
  const sim = await startMhd({ store, config, closeStore: true });
  running.push(sim);
  await (await fetch(`${sim.base}/metadata`)).arrayBuffer();
  return { sim, store };
}

/** The longest time between two 5 ms ticks until `until` settles: how long the loop was held. */
function loopGap(until: Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  const stop = () => {
    clearInterval(tick);
    return Math.round(worst);
  };
  return until.then(stop, stop);
}

describe('the worker answer of a big ITI-65 Bundle does not hold the event loop', () => {
  test(`a ${ENTRIES.toLocaleString('en')}-entry Bundle on a SQLite file: small requests stay under ${SMALL_BOUND_MS} ms`, async () => {
    const docs = documentsFor(ENTRIES);
    expect(entriesFor(docs)).toBe(ENTRIES);
    const { sim } = await simulator({ maxBundleEntries: ENTRIES });
    const inFlight = whileInFlight(sim, post(sim, loadBundle(docs)));
    const gap = loopGap(inFlight);
    const { res, text, small } = await inFlight;
    expect(res.status, text.slice(0, 500)).toBe(200);
    expect((JSON.parse(text) as Bundle).entry).toHaveLength(ENTRIES);
    const found = await fetch(`${sim.base}/DocumentReference?${LOAD_QUERY}&_count=1`);
    expect(((await found.json()) as { total: number }).total).toBe(docs);
    const worst = Math.round(Math.max(...small));
    console.log(
      `${ENTRIES}-entry Bundle: ${small.length} small requests, worst ${worst} ms; worst loop gap ${await gap} ms (loaded machine: not a result)`,
    );
    expect(small.length).toBeGreaterThan(2);
    expect(worst).toBeLessThan(SMALL_BOUND_MS);
  }, 600_000);

  test('a Bundle whose worker answer came in pieces is stored and answered exactly as on the event loop', async () => {
    // 250 documents: the per-document arrays (25 items a piece) come in ten pieces each.
    const documents = 250;
    const onLoop = await simulator({ offLoopBytes: Number.POSITIVE_INFINITY, offLoopObjects: Number.POSITIVE_INFINITY });
    const offLoop = await simulator({ offLoopBytes: 0 });
    const body = Buffer.from(JSON.stringify(largeProvideBundle(conformantProvideBundle() as Bundle, documents)));
    const uid = (conformantProvideBundle().entry![1]!.resource as unknown as { masterIdentifier: { value: string } }).masterIdentifier
      .value;
    const uids = Array.from({ length: documents }, (_, i) => `${uid.replace(/^urn:oid:/, '')}.${documents}.${i + 1}`);
    const seen = await Promise.all(
      [onLoop, offLoop].map(async ({ sim, store }) => {
        const res = await post(sim, body);
        const answer = JSON.stringify(await res.json());
        // The SubmissionSet's entryUUID is assigned at registration (random): masked on both sides.
        const ss = /List\/([0-9a-f-]{36})/.exec(answer)?.[1] ?? 'none';
        const records = await store.documentsByUniqueId(uids);
        records.sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
        return {
          status: res.status,
          answer: answer.replaceAll(ss, 'SS'),
          records: JSON.stringify(records).replaceAll(ss, 'SS'),
          count: records.length,
        };
      }),
    );
    expect(seen[0]!.status).toBe(200);
    expect(seen[0]!.count).toBe(documents);
    expect(seen[1]).toEqual(seen[0]);
  }, 600_000);
});
