// The worker thread of bundle-off-loop.ts: reads, checks and maps one ITI-65 body per task with
// the config the settings describe (built once per distinct settings), and answers the
// prepared submission or the Bundle's problems as data.
import { serveTasks } from '../kit/worker-task.ts';
import { readAndPrepare, type BundleResult, type BundleTask } from './bundle-off-loop.ts';
import { configOf, type MhdConfig } from './config.ts';
import { MhdFailure } from './outcomes.ts';
import type { XdsConfig } from '../xds/config.ts';
import { CHECKED_PROVIDE_LONG_ARRAYS, checkProvide } from '../xds/provide.ts';
import { configOf as xdsOffLoopConfig, type OffLoopSettings as XdsOffLoopSettings } from '../xds/submission-off-loop.ts';

/**
 * The arrays of an answer that grow with the Bundle (per entry, per document, per finding): sent
 * in pieces the loop takes one per turn, since deserializing a 10,000-entry answer in one message
 * held it for about a second (worker-pieces.ts). A refusal's issues can be as many.
 */
const LONG_ARRAYS = [
  'prepared.layout',
  'prepared.findings',
  ...CHECKED_PROVIDE_LONG_ARRAYS.map((p) => `prepared.checked.${p}`),
  // Decoded from base64 here: a piece copies their bytes (and at most a small pooled buffer besides).
  'prepared.checked.register.documents',
  'prepared.request.objects.documentEntries',
  'prepared.request.objects.associations',
  'prepared.request.documents',
  'issues',
];

const configs = new Map<string, MhdConfig>();
const xdsConfigs = new Map<string, XdsConfig>();

/** The XDS config of `s`, built once per distinct settings (its validator loads the value sets). */
function xdsConfigOf(s: XdsOffLoopSettings): XdsConfig {
  const key = JSON.stringify(s);
  let cfg = xdsConfigs.get(key);
  if (!cfg) xdsConfigs.set(key, (cfg = xdsOffLoopConfig(s)));
  return cfg;
}

serveTasks<BundleTask, BundleResult>(prepareTask, undefined, { longArrays: () => LONG_ARRAYS });

/** One Bundle read, checked and mapped; its problems as data. */
async function prepareTask({ body, settings, xds, exchangeId }: BundleTask): Promise<BundleResult> {
  const key = JSON.stringify(settings);
  let cfg = configs.get(key);
  if (!cfg) configs.set(key, (cfg = configOf(settings)));
  try {
    const prepared = await readAndPrepare(body, cfg);
    if (!xds || !prepared.request) return { ok: true, prepared };
    // The request stays here: the checked submission holds all the loop needs, and sending both doubled the message to deserialize.
    const { findings, layout } = prepared;
    return { ok: true, prepared: { findings, layout, checked: checkProvide(prepared.request, new Map(), xdsConfigOf(xds), exchangeId) } };
  } catch (err) {
    if (err instanceof MhdFailure) return { ok: false, status: err.status, issues: err.issues };
    throw err;
  }
}
