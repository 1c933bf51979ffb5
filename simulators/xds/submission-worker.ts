// The worker thread of submission-off-loop.ts: reads and checks one ITI-41 / RAD-68 request per
// task with the config its settings describe (built once per distinct settings), and answers
// the prepared submission, the fault, or "not mine" as data. The request's buffer goes back
// with the answer (transferred, not copied): the documents' bytes are views into it.
import { serveTasks } from '../kit/worker-task.ts';
import type { XdsConfig } from './config.ts';
import { CHECKED_PROVIDE_LONG_ARRAYS } from './provide.ts';
import { configOf, prepareSubmission, type SubmissionResult, type SubmissionTask } from './submission-off-loop.ts';

const configs = new Map<string, XdsConfig>();

/**
 * The arrays of an answer that grow with the submission: sent in pieces the loop takes one per
 * turn (kit/worker-pieces.ts), since deserializing a 990-document answer in one message held it
 * ~100 ms. Not the documents: their bytes are views into the request's buffer, which goes back
 * with the answer's head; a piece holding a view would copy the whole buffer.
 */
const LONG_ARRAYS = [...CHECKED_PROVIDE_LONG_ARRAYS.map((p) => `prepared.checked.${p}`), 'prepared.failed.errors'];

serveTasks<SubmissionTask, SubmissionResult>(
  (task) => {
    const key = JSON.stringify(task.settings);
    let cfg = configs.get(key);
    if (!cfg) configs.set(key, (cfg = configOf(task.settings)));
    return prepareSubmission(task, cfg);
  },
  (_result, task) => [task.bytes.buffer as ArrayBuffer],
  { longArrays: () => LONG_ARRAYS },
);
