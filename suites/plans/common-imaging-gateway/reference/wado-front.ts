// The gateway's WADO-RS front: a study asked for the first time is fetched from the PACS with
// C-MOVE into the gateway's cache (GW-004), then served by our WADO-RS simulator over that
// cache (one per study), through this loopback HTTP front.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startWadoRs, type WadoRsSimulator } from '../../../../simulators/wado-rs/index.ts';
import { cMoveStudy, Dataset, startStoreScp, type DimsePeer } from '../../../../simulators/clients/dimse.ts';

/** The file of the highest Instance Number received (the stale-cache defect drops it). */
function lastInstance(dir: string, uids: string[]): string {
  const n = (uid: string) => Number(Dataset.fromFile(join(dir, `${uid}.dcm`))?.getElement('InstanceNumber') ?? 0);
  return join(dir, `${[...uids].sort((a, b) => n(a) - n(b)).pop()!}.dcm`);
}

export interface WadoFront {
  base: string;
  stop(): Promise<void>;
}

export interface WadoFrontOptions {
  pacs: DimsePeer;
  /** Our C-STORE SCP's AE title, known to the PACS as a move destination. */
  aet: string;
  cacheDir: string;
  /** Registers the SCP's port with the PACS (deployment configuration). */
  announce(port: number): Promise<void>;
  /** Defect: the cache misses the last instance received. */
  stale?: boolean;
}

const STUDY = /^\/dicom-web\/studies\/([0-9.]+)(\/.*)?$/;

export async function startWadoFront(o: WadoFrontOptions): Promise<WadoFront> {
  const studies = new Map<string, Promise<WadoRsSimulator>>();
  const sims: WadoRsSimulator[] = [];
  const fetchStudy = async (uid: string): Promise<WadoRsSimulator> => {
    const dir = join(o.cacheDir, uid);
    const scp = await startStoreScp(dir, o.aet);
    try {
      await o.announce(scp.port);
      const r = await cMoveStudy(o.pacs, o.aet, uid);
      if (r.status !== 0 || r.completed === 0)
        throw new Error(`C-MOVE of ${uid}: status 0x${r.status.toString(16)}, ${r.completed} completed, ${r.failed} failed`);
      const got = scp.received();
      if (o.stale && got.length > 1) await unlink(lastInstance(dir, got));
    } finally {
      await scp.stop();
    }
    const sim = await startWadoRs({ dataDir: dir });
    sims.push(sim);
    return sim;
  };
  const server = createServer((req, res) => {
    void (async () => {
      const m = STUDY.exec((req.url ?? '').split('?')[0]!);
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      try {
        const uid = m[1]!;
        let sim = studies.get(uid);
        if (!sim) studies.set(uid, (sim = fetchStudy(uid)));
        const up = await (await sim).base;
        const r = await fetch(`${up}${(req.url ?? '').slice('/dicom-web'.length)}`, {
          headers: req.headers.accept ? { accept: req.headers.accept } : {},
        });
        const headers: Record<string, string> = {};
        r.headers.forEach((v, k) => {
          if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') headers[k] = v;
        });
        res.writeHead(r.status, headers);
        if (r.body) Readable.fromWeb(r.body as import('node:stream/web').ReadableStream).pipe(res);
        else res.end();
      } catch (err) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`gateway: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/dicom-web`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      for (const s of sims) await s.stop().catch(() => undefined);
    },
  };
}
