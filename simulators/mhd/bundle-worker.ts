// The worker thread of bundle-off-loop.ts: reads, checks and maps one ITI-65 body per task with
// the config the settings describe (built once per distinct settings), and answers the
// prepared submission or the Bundle's problems as data.
import { serveTasks } from '../kit/worker-task.ts';
import { readAndPrepare, type BundleResult, type BundleTask } from './bundle-off-loop.ts';
import { configOf, type MhdConfig } from './config.ts';
import { MhdFailure } from './outcomes.ts';

const configs = new Map<string, MhdConfig>();

serveTasks<BundleTask, BundleResult>(async ({ body, settings }) => {
  const key = JSON.stringify(settings);
  let cfg = configs.get(key);
  if (!cfg) configs.set(key, (cfg = configOf(settings)));
  try {
    return { ok: true, prepared: await readAndPrepare(body, cfg) };
  } catch (err) {
    if (err instanceof MhdFailure) return { ok: false, status: err.status, issues: err.issues };
    throw err;
  }
});
