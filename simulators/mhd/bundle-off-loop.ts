// An ITI-65 body read, checked and mapped (prepare-bundle.ts) off the event loop when it is big
// (issue 16 item 3): a 2,000-entry Bundle is seconds of schema and rule work, during which
// /metadata and small queries would otherwise wait. One worker pool per heap bound per process,
// shared by every MHD simulator in it; the store stays on the main thread, which only registers
// the prepared submission. Past the time budget or the heap bound the worker is ended and the
// Bundle refused with 413 too-costly before anything touches the store.
import { parseFhirJson } from '../../protocols/fhir/index.ts';
import { createWorkerPool, WorkBudgetExceeded, type WorkerPool } from '../kit/worker-pool.ts';
import { offLoopSettings, type MhdConfig, type OffLoopSettings } from './config.ts';
import { MhdFailure, type Issue } from './outcomes.ts';
import { prepareBundle, type PreparedBundle } from './prepare-bundle.ts';

export interface BundleTask {
  body: Uint8Array;
  settings: OffLoopSettings;
}

/** A Bundle's problems as data: MhdFailure does not cross postMessage as itself. */
export type BundleResult = { ok: true; prepared: PreparedBundle } | { ok: false; status: number; issues: Issue[] };

/** Parses, checks and maps an ITI-65 body; throws MhdFailure with its problems. */
export async function prepareBundleBytes(body: Buffer, cfg: MhdConfig): Promise<PreparedBundle> {
  const settings = offLoopSettings(cfg);
  if (!settings || body.byteLength < cfg.offLoopBytes) return readAndPrepare(body, cfg);
  // A copy the worker owns: the request's Buffer may be a view into a shared pool slab.
  const copy = new Uint8Array(body);
  let result: BundleResult;
  try {
    result = await poolFor(cfg.bundleHeapMb).run({ body: copy, settings }, { timeoutMs: cfg.bundleBudgetMs, transfer: [copy.buffer] });
  } catch (err) {
    if (!(err instanceof WorkBudgetExceeded)) throw err;
    const flag = err.budget === 'time' ? 'its time budget' : 'its memory bound';
    throw new MhdFailure(413, [
      {
        code: 'too-costly',
        diagnostics: `the Bundle (${body.byteLength} bytes) was refused: ${err.message}; nothing was stored (checking it exceeded ${flag})`,
        expression: 'Bundle',
      },
    ]);
  }
  if (!result.ok) throw new MhdFailure(result.status, result.issues);
  // Document bytes come back as Uint8Arrays, which prepareProvide takes as they are.
  return result.prepared;
}

/** The same work on the calling thread: small bodies, and the worker's own task. */
export async function readAndPrepare(body: Uint8Array, cfg: MhdConfig): Promise<PreparedBundle> {
  const parsed = parseFhirJson(body);
  if (!parsed.ok) throw new MhdFailure(400, [{ code: 'structure', diagnostics: parsed.message, expression: 'Bundle' }]);
  return prepareBundle(parsed.value, cfg);
}

const pools = new Map<number, WorkerPool<BundleTask, BundleResult>>();

function poolFor(heapMb: number): WorkerPool<BundleTask, BundleResult> {
  let pool = pools.get(heapMb);
  if (!pool) {
    pool = createWorkerPool({ source: 'simulators/mhd/bundle-worker.ts', distName: 'mhd-bundle-worker', heapMb });
    pools.set(heapMb, pool);
  }
  return pool;
}
