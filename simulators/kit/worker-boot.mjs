// Starts a TypeScript worker module when running from the sources (tsx, vitest): Node 20
// applies no --import hook to a worker's entry module, so tsx is registered here first. The
// compiled CLI never uses this file: its workers are entry points in dist/ (bin/build.mjs).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
