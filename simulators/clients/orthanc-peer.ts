// Starts and stops the Orthanc peer (scripts/orthanc-start.sh, orthanc-stop.sh) on free ports in
// a workdir of its own, for *.int.test.ts and benchmarks. Stops by the recorded pid only.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packagePath } from '../../model/package-root.ts';

const run = promisify(execFile);
const SCRIPTS = `${packagePath('scripts')}/`;

export interface OrthancPeer {
  pid: number;
  url: string;
  dicomWebUrl: string;
  workdir: string;
  stop(purge?: boolean): Promise<void>;
}

export async function startOrthanc(env: { dicomWebServers?: Record<string, string[]> } = {}): Promise<OrthancPeer> {
  let lastErr: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const workdir = await mkdtemp(join(tmpdir(), 'mcwg-orthanc-'));
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ORTHANC_HTTP_PORT: '0', ORTHANC_DICOM_PORT: '0', ORTHANC_WORKDIR: workdir };
    if (env.dicomWebServers) childEnv.ORTHANC_DICOMWEB_SERVERS = JSON.stringify(env.dicomWebServers);
    try {
      await run('bash', [join(SCRIPTS, 'orthanc-start.sh')], { env: childEnv, timeout: 60_000 });
      const j = JSON.parse(await readFile(join(workdir, 'peer.json'), 'utf8')) as { pid: number; url: string; dicomWebUrl: string };
      // Serialised: a stop without purge (mid-test) followed by a purge in afterAll both happen.
      let last: Promise<void> = Promise.resolve();
      return {
        pid: Number(j.pid),
        url: j.url.replace(/\/+$/, ''),
        dicomWebUrl: j.dicomWebUrl.replace(/\/+$/, ''),
        workdir,
        stop: (purge = true) =>
          (last = last.then(() =>
            run('bash', [join(SCRIPTS, 'orthanc-stop.sh'), ...(purge ? ['--purge'] : []), workdir], { timeout: 60_000 }).then(
              () => undefined,
            ),
          )),
      };
    } catch (err) {
      lastErr = err;
      await run('bash', [join(SCRIPTS, 'orthanc-stop.sh'), '--purge', workdir]).catch(() => undefined);
      // "port ... in use" between pick and bind: try again with new ports.
      if (!String((err as { stderr?: string }).stderr ?? err).includes('in use')) break;
    }
  }
  throw new Error(`could not start Orthanc: ${String((lastErr as { stderr?: string }).stderr ?? lastErr)}`);
}

/** Uploads Part 10 files one at a time through Orthanc's REST API. */
export async function uploadToOrthanc(peer: OrthancPeer, files: string[]): Promise<void> {
  for (const f of files) {
    const res = await fetch(`${peer.url}/instances`, {
      method: 'POST',
      body: await readFile(f),
      headers: { 'content-type': 'application/dicom' },
    });
    if (!res.ok) throw new Error(`Orthanc refused ${f}: HTTP ${res.status} ${await res.text()}`);
  }
}
