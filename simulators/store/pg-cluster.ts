// Starts and stops scripts/pg-temp-cluster.sh for tests and benches.
import { execFileSync } from 'node:child_process';
import { packagePath } from '../../model/package-root.ts';

const SCRIPT = packagePath('scripts/pg-temp-cluster.sh');
export const PG_INITDB = '/usr/lib/postgresql/15/bin/initdb';

export interface TempCluster {
  url: string;
  stop(): void;
}

export function startTempCluster(): TempCluster {
  const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' }).trim();
  const [dir, url] = out.split(' ');
  if (!dir || !url) throw new Error(`pg-temp-cluster.sh printed '${out}'`);
  return { url, stop: () => execFileSync('bash', [SCRIPT, 'stop', dir]) };
}
