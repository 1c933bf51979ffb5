// Runs a command as a child and reports wall time and peak RSS (GNU time's %M), so ours and
// the peer are measured the same way, outside the bench process.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ChildStats {
  seconds: number;
  /** Peak resident set size in MB, null when /usr/bin/time is missing. */
  peakRssMb: number | null;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';

export function runMeasured(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildStats> {
  const timed = existsSync(TIME);
  const [bin, argv] = timed ? [TIME, ['-f', 'MCWG_MAXRSS_KB=%M', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-500)}`));
      const m = /MCWG_MAXRSS_KB=(\d+)/.exec(stderr);
      resolve({ seconds, peakRssMb: m ? Number(m[1]) / 1024 : null, stdout, stderr });
    });
  });
}
