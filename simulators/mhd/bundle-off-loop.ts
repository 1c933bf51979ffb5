// An ITI-65 body read, checked and mapped (prepare-bundle.ts) off the event loop when it is big
// (many JSON objects or many bytes: config.ts DEFAULT_OFF_LOOP_*) (issue 16 item 3): a 2,000-entry Bundle is seconds of schema and rule work, during which
// /metadata and small queries would otherwise wait. One worker pool per heap bound per process,
// shared by every MHD simulator in it; the store stays on the main thread, which only registers
// the prepared submission. Past the time budget or the heap bound the worker is ended and the
// Bundle refused with 413 too-costly before anything touches the store.
import { parseFhirJson } from '../../protocols/fhir/index.ts';
import { createWorkerPool, WorkBudgetExceeded, type WorkerPool } from '../kit/worker-pool.ts';
import { offLoopSettings, type MhdConfig, type OffLoopSettings } from './config.ts';
import { MhdFailure, type Issue } from './outcomes.ts';
import { prepareBundle, type PreparedBundle } from './prepare-bundle.ts';
import { offLoopSettings as xdsOffLoopSettings, type OffLoopSettings as XdsOffLoopSettings } from '../xds/submission-off-loop.ts';

export interface BundleTask {
  body: Uint8Array;
  settings: OffLoopSettings;
  /**
   * When given, the worker also runs the XDS repository's and registry's store-free checks on the
   * mapped submission (xds/provide.ts checkProvide) with these settings: on the loop they were a
   * quarter of the pause a 10,000-entry Bundle still caused (profiled: hashing, records).
   */
  xds?: XdsOffLoopSettings;
  exchangeId?: string;
}

/** A Bundle's problems as data: MhdFailure does not cross postMessage as itself. */
export type BundleResult = { ok: true; prepared: PreparedBundle } | { ok: false; status: number; issues: Issue[] };

/** Parses, checks and maps an ITI-65 body; throws MhdFailure with its problems. */
export async function prepareBundleBytes(body: Buffer, cfg: MhdConfig, exchangeId?: string): Promise<PreparedBundle> {
  const settings = offLoopSettings(cfg);
  if (!settings || !(body.byteLength >= cfg.offLoopBytes || hasObjects(body, cfg.offLoopObjects))) return readAndPrepare(body, cfg);
  // A copy the worker owns: the request's Buffer may be a view into a shared pool slab.
  const copy = new Uint8Array(body);
  const xds = xdsOffLoopSettings(cfg.xds);
  const task: BundleTask = { body: copy, settings, ...(xds ? { xds } : {}), ...(exchangeId === undefined ? {} : { exchangeId }) };
  let result: BundleResult;
  try {
    result = await poolFor(cfg.bundleHeapMb).run(task, { timeoutMs: cfg.bundleBudgetMs, transfer: [copy.buffer] });
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
  // Document bytes come back as Uint8Arrays, which prepareProvide takes as they are; the store takes Buffers.
  const register = result.prepared.checked?.register;
  if (register?.ok) for (const d of register.documents) d.data = Buffer.from(d.data.buffer, d.data.byteOffset, d.data.byteLength);
  return result.prepared;
}

/** Whether `body` holds at least `n` '{' bytes: JSON objects, and a few inside strings (counted too: erring towards the worker). */
function hasObjects(body: Uint8Array, n: number): boolean {
  let found = 0;
  for (let at = body.indexOf(0x7b); at !== -1 && found < n; at = body.indexOf(0x7b, at + 1)) found++;
  return found >= n;
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

/** Enough of a Bundle for the worker to load its modules and compile the FHIR schema; refused after that. */
const WARM_UP = new TextEncoder().encode(
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000000',
        resource: { resourceType: 'Binary' },
        request: { method: 'POST', url: 'Binary' },
      },
    ],
  }),
);

/**
 * Starts a worker and has it compile what a Bundle check needs, so the first big ITI-65 does not
 * pay seconds of start-up (the CLI awaits this before announcing the simulator). Never throws:
 * a worker that cannot start shows up on the first big Bundle instead.
 */
export async function warmOffLoop(cfg: MhdConfig): Promise<void> {
  const settings = offLoopSettings(cfg);
  if (!settings) return;
  const body = WARM_UP.slice();
  await poolFor(cfg.bundleHeapMb)
    .run({ body, settings }, { timeoutMs: cfg.bundleBudgetMs, transfer: [body.buffer] })
    .catch(() => undefined);
}
