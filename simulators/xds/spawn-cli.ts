// Runs `mcwg simulate xds` as a child process for int tests and the bench: waits for its
// `TRANSACTION URL` lines and hands back the URLs.
import { spawn, type ChildProcess } from 'node:child_process';
import { packagePath } from '../../model/package-root.ts';

const MAIN = packagePath('cli/main.ts');

export interface XdsProcess {
  child: ChildProcess;
  registry: string;
  repository: string;
  stderr(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export function spawnXds(args: string[]): Promise<XdsProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'simulate', 'xds', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig ?? -1)));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const reg = /^ITI-18 (\S+)$/m.exec(out)?.[1];
      const rep = /^RAD-69 (\S+)$/m.exec(out)?.[1];
      if (reg && rep) resolve({ child, registry: reg, repository: rep, stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`simulate xds exited (${code}) before printing its endpoints: ${err}`)));
  });
}
