// ITI-41 alone (`npm run bench iti41`): submissions/s of a 200-reference KOS to `mcwg simulate
// xds` on SQLite (group commit), 8 concurrent, side by side with the store's own commit rate.
// The same figure is part of bench/xds.bench.ts, which also seeds 100,000 entries for ITI-18.
import type { Bench } from './harness.ts';
import { kos200, submissionRate } from './xds.bench.ts';

const bench: Bench = {
  name: 'ITI-41 submissions (XDS, SQLite)',
  run: (log) => submissionRate(log, kos200()),
};
export default bench;
