// Runs `mcwg validate <kind> FILE --format json` in this one process for each job of a list
// (the hostile corpus has hundreds of inputs; a process per input would take minutes), timing
// each and catching whatever escapes, so one crash is recorded against its input.
// Usage: node --import tsx scripts/hostile-validate-batch.ts JOBS.json  (prints results JSON)
import { readFileSync } from 'node:fs';
import { captureIo } from '../cli/test-io.ts';
import { runCli } from '../cli/program.ts';

interface Job {
  id: string;
  kind: string;
  file: string;
  /** Run first to load schemas and value sets; the caller leaves it out of per-input timing. */
  warmup?: boolean;
}

const jobs = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Job[];
const results = [];
for (const job of jobs) {
  const io = captureIo();
  const t0 = performance.now();
  let code: number;
  let thrown: string | undefined;
  try {
    code = await runCli(['validate', job.kind, job.file, '--format', 'json'], io);
  } catch (err) {
    code = -1;
    thrown = err instanceof Error ? (err.stack ?? err.message) : String(err);
  }
  results.push({
    id: job.id,
    ...(job.warmup ? { warmup: true } : {}),
    kind: job.kind,
    code,
    ms: performance.now() - t0,
    out: io.stdout.join(''),
    err: io.stderr.join(''),
    ...(thrown ? { thrown } : {}),
  });
}
process.stdout.write(JSON.stringify(results));
