import { setFlagsFromString } from 'node:v8'; setFlagsFromString('--max-semi-space-size=32');
import { performance } from 'node:perf_hooks';
import { listFiles, validateKosPaths } from './cli/commands/validate-kos.ts';
const t = performance.now(); const c = process.cpuUsage();
const r = validateKosPaths(listFiles(['/tmp/kosw/many']));
const u = process.cpuUsage(c);
console.log(r.length, 'wall', (performance.now() - t).toFixed(0), 'cpu', ((u.user + u.system) / 1000).toFixed(0));
