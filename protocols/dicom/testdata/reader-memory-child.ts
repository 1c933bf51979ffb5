// Run by reader-memory.test.ts as `node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64
// --import tsx reader-memory-child.ts SMALL N BIG M`: reads two manifests of N and M references
// and prints, per reference (the slope between the two, so start-up costs cancel), the bytes
// the parsed data set keeps alive and the bytes reading it allocates. A young generation large
// enough for the whole read means no collection runs while allocating, so heapUsed grows by
// exactly what was allocated.
import { readFileSync } from 'node:fs';
import { readPart10 } from '../reader.ts';

const [smallFile, n, bigFile, m] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !smallFile || !bigFile) throw new Error('usage: node --expose-gc ... reader-memory-child.ts SMALL N BIG M');
const small = readFileSync(smallFile);
const big = readFileSync(bigFile);
const heap = (): number => process.memoryUsage().heapUsed;

// Warm up: the reader's code and its first-call allocations are not per reference.
readPart10(small);
readPart10(big);

function measure(bytes: Buffer): { retained: number; allocated: number; keep: unknown } {
  gc!();
  const before = heap();
  const keep = readPart10(bytes);
  const allocated = heap() - before;
  gc!();
  return { retained: heap() - before, allocated, keep };
}

const a = measure(small);
const b = measure(big);
const refs = Number(m) - Number(n);
process.stdout.write(
  `${JSON.stringify({ retainedPerReference: (b.retained - a.retained) / refs, allocatedPerReference: (b.allocated - a.allocated) / refs, kept: [a.keep, b.keep].length })}\n`,
);
