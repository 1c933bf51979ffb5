// Load figures (issue 16 item 6): 50 concurrent clients for BENCH_SECONDS (default 60) on
// ITI-18 and on ITI-67 (errors and p95), and one 10,000-entry ITI-65 Bundle in flight while 20
// clients query ITI-67 (their p95). XDS and MHD share one SQLite store holding one submission.
// `BENCH_SECONDS=5 npm run bench load` for a quick check; with load > 1 a figure is direction only.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, BundleEntry } from 'fhir/r4.js';
import { conformantProvideBundle } from '../fixtures/builders/mhd-bundle.ts';
import { STATUS } from '../protocols/ebrim/index.ts';
import { findDocumentReferences } from '../simulators/clients/mhd-consumer.ts';
import { param, storedQuery } from '../simulators/clients/xds-consumer.ts';
import { mhdConfig } from '../simulators/mhd/config.ts';
import { startMhd } from '../simulators/mhd/index.ts';
import { openStore } from '../simulators/store/open-store.ts';
import { xdsConfig } from '../simulators/xds/config.ts';
import { startXds } from '../simulators/xds/server.ts';
import { QUERY } from '../simulators/xds/stored-query.ts';
import type { Bench, BenchRow } from './harness.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = 50;
const PATIENT = 'PAT-0001^^^&1.2.3.4.5.6.2&ISO';
const none = () => undefined;

const p95 = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]! : Number.NaN);

/** `clients` loops each sending `call` until the deadline; latencies of answered calls, errors counted. */
async function closedLoop(
  clients: number,
  until: () => boolean,
  call: () => Promise<boolean>,
): Promise<{ times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!until()) {
        const t0 = performance.now();
        const ok = await call().catch(() => false);
        if (ok) times.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return { times, errors };
}

function bigBundle(n: number): Buffer {
  const b = conformantProvideBundle() as Bundle;
  const entries = b.entry as BundleEntry[];
  const docRef = entries.find((e) => e.resource?.resourceType === 'DocumentReference')!;
  const copies = Array.from({ length: n - 1 }, (_, i) => ({
    ...docRef,
    fullUrl: `urn:uuid:00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
  }));
  return Buffer.from(JSON.stringify({ ...b, entry: [...entries, ...copies] }));
}

const bench: Bench = {
  name: `load: ${CLIENTS} concurrent clients for ${SECONDS} s (ITI-18, ITI-67), and ITI-67 while a 10,000-entry Bundle is in flight`,
  async run(log) {
    const dir = await mkdtemp(join(tmpdir(), 'mcwg-bench-load-'));
    const store = await openStore(`sqlite:${join(dir, 'store.sqlite')}`);
    const cfg = mhdConfig({ xds: xdsConfig({ acceptAnyPatient: true }) });
    const xds = await startXds({ store, config: cfg.xds });
    const mhd = await startMhd({ store, config: cfg, closeStore: false });
    const rows: BenchRow[] = [];
    // The harness prints the load average with each row and marks it not a result above 1.
    const note = (load: number) => `load average ${load.toFixed(2)}${load > 1 ? ', not a result' : ''}`;
    try {
      const stored = await fetch(mhd.base, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify(conformantProvideBundle()),
      });
      if (stored.status !== 200) throw new Error(`seeding ITI-65 failed: ${stored.status} ${(await stored.text()).slice(0, 300)}`);
      const iti18 = async () => {
        const r = await storedQuery(
          `${xds.url}/xds/registry`,
          QUERY.FindDocuments,
          [param('$XDSDocumentEntryPatientId', PATIENT), param('$XDSDocumentEntryStatus', STATUS.approved)],
          none,
        );
        return (r.response?.objects.documentEntries.length ?? 0) > 0;
      };
      const iti67 = async () =>
        ((await findDocumentReferences(mhd.base, { 'patient.identifier': 'urn:oid:1.2.3.4.5.6.2|PAT-0001', status: 'current' }, none))
          .resource?.total ?? 0) > 0;
      for (const [name, call] of [
        ['ITI-18', iti18],
        ['ITI-67', iti67],
      ] as const) {
        const end = Date.now() + SECONDS * 1000;
        const r = await closedLoop(CLIENTS, () => Date.now() >= end, call);
        const load = loadavg()[0]!;
        log(`${name}: ${r.times.length} answered, ${r.errors} errors in ${SECONDS} s (${note(load)})`);
        rows.push({
          name: `${name} p95, ${CLIENTS} clients for ${SECONDS} s (${r.errors} errors, ${r.times.length} requests)`,
          ours: p95(r.times),
          peer: null,
          unit: 'ms',
          better: 'lower',
          loadAverage: load,
        });
      }
      // One big Bundle in flight (refused or processed: either way it must not stall), 20 clients on ITI-67 meanwhile.
      const body = bigBundle(10_000);
      let inFlight = true;
      const big = fetch(mhd.base, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: new Uint8Array(body),
      }).then(async (res) => {
        await res.arrayBuffer();
        inFlight = false;
        return res.status;
      });
      const r = await closedLoop(20, () => !inFlight, iti67);
      const status = await big;
      const load = loadavg()[0]!;
      log(
        `10,000-entry Bundle (${(body.length / 1e6).toFixed(1)} MB) answered ${status}; ${r.times.length} ITI-67 answered meanwhile, worst ${Math.round(Math.max(...r.times))} ms`,
      );
      rows.push({
        name: `ITI-67 p95, 20 clients while a 10,000-entry Bundle is in flight (worst ${Math.round(Math.max(...r.times))} ms, ${r.errors} errors)`,
        ours: p95(r.times),
        peer: null,
        unit: 'ms',
        better: 'lower',
        loadAverage: load,
      });
    } finally {
      await mhd.stop();
      await xds.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
export default bench;
