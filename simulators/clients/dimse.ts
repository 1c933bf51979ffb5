// DICOM DIMSE through dcmjs-dimse (default import only: its named ESM exports fail at run
// time; its per-PDU logging is silenced): C-STORE, C-FIND (Study Root) and C-MOVE as SCU,
// and a C-STORE SCP on 127.0.0.1 port 0 that writes what it receives into a folder.
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import dimse from 'dcmjs-dimse';

dimse.log.setLevel('silent');

const { Client, Scp, Dataset } = dimse;
const { CStoreRequest, CFindRequest, CMoveRequest } = dimse.requests;
const { CStoreResponse } = dimse.responses;
const { Status, PresentationContextResult, TransferSyntax } = dimse.constants;

export interface DimsePeer {
  host: string;
  port: number;
  /** Called AE title of the peer. */
  aet: string;
  /** Our calling AE title. */
  callingAet: string;
}

type Req = InstanceType<typeof CStoreRequest> | InstanceType<typeof CFindRequest> | InstanceType<typeof CMoveRequest>;

/** Sends the requests on one association; resolves when it closes. */
function associate(peer: DimsePeer, requests: Req[], timeoutMs = 30_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const client = new Client();
    for (const r of requests) client.addRequest(r);
    const timer = setTimeout(
      () => reject(new Error(`DIMSE: no answer from ${peer.aet}@${peer.host}:${peer.port} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const done = (err?: Error) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    client.on('associationRejected', (r: unknown) => done(new Error(`DIMSE: association rejected by ${peer.aet}: ${JSON.stringify(r)}`)));
    client.on('networkError', (e: Error) => done(new Error(`DIMSE: ${e.message}`)));
    client.on('closed', () => done());
    client.send(peer.host, peer.port, peer.callingAet, peer.aet, {
      connectTimeout: timeoutMs,
      associationTimeout: timeoutMs,
      pduTimeout: timeoutMs,
    });
  });
}

/** C-STORE of Part 10 files; returns the status of each (0 = success). */
export async function cStore(peer: DimsePeer, files: string[]): Promise<number[]> {
  const statuses: number[] = [];
  const reqs = files.map((f) => {
    const r = new CStoreRequest(f);
    r.on('response', (res: { getStatus(): number }) => void statuses.push(res.getStatus()));
    return r;
  });
  await associate(peer, reqs);
  return statuses;
}

export type Level = 'STUDY' | 'SERIES' | 'IMAGE';

/** Study Root C-FIND at one level; returns the matches' elements (naturalized keywords). */
export async function cFind(peer: DimsePeer, level: Level, keys: Record<string, string>): Promise<Record<string, unknown>[]> {
  const ret: Record<string, string> = {
    StudyInstanceUID: '',
    ...(level !== 'STUDY' ? { SeriesInstanceUID: '', Modality: '', SeriesNumber: '', SeriesDescription: '' } : {}),
    ...(level === 'IMAGE' ? { SOPInstanceUID: '', SOPClassUID: '', InstanceNumber: '' } : {}),
    ...keys,
  };
  const req =
    level === 'STUDY'
      ? CFindRequest.createStudyFindRequest({ PatientID: '', AccessionNumber: '', ...ret })
      : level === 'SERIES'
        ? CFindRequest.createSeriesFindRequest(ret)
        : CFindRequest.createImageFindRequest(ret);
  const out: Record<string, unknown>[] = [];
  let failed: number | undefined;
  req.on(
    'response',
    (res: { getStatus(): number; hasDataset(): boolean; getDataset(): { getElements(): Record<string, unknown> } | undefined }) => {
      const st = res.getStatus();
      if (st === Status.Pending && res.hasDataset()) out.push(res.getDataset()!.getElements());
      else if (st !== Status.Success && st !== Status.Pending) failed = st;
    },
  );
  await associate(peer, [req]);
  if (failed !== undefined) throw new Error(`C-FIND ${level} failed with status 0x${failed.toString(16)}`);
  return out;
}

/** C-MOVE of a study to `destination`; resolves with the completed and failed counts. */
export async function cMoveStudy(
  peer: DimsePeer,
  destination: string,
  studyUid: string,
): Promise<{ completed: number; failed: number; status: number }> {
  const req = CMoveRequest.createStudyMoveRequest(destination, studyUid);
  const r = { completed: 0, failed: 0, status: -1 };
  req.on('response', (res: { getStatus(): number; getCompleted(): number; getFailures(): number }) => {
    r.status = res.getStatus();
    r.completed = res.getCompleted() ?? r.completed;
    r.failed = res.getFailures() ?? r.failed;
  });
  await associate(peer, [req], 60_000);
  return r;
}

export interface StoreScp {
  port: number;
  aet: string;
  /** SOP Instance UIDs received, in order. */
  received(): string[];
  stop(): Promise<void>;
}

/** A C-STORE SCP (any storage class, uncompressed syntaxes) writing `<sop uid>.dcm` into `dir`. */
export async function startStoreScp(dir: string, aet: string): Promise<StoreScp> {
  mkdirSync(dir, { recursive: true });
  const got: string[] = [];
  const ACCEPT = new Set<string>([TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian]);
  class StoreOnly extends Scp {
    override associationRequested(association: Parameters<InstanceType<typeof Scp>['associationRequested']>[0]): void {
      if (association.getCalledAeTitle() !== aet) {
        this.sendAssociationReject();
        return;
      }
      for (const c of association.getPresentationContexts()) {
        const ctx = association.getPresentationContext(c.id);
        const ts = ctx.getTransferSyntaxUids().find((t: string) => ACCEPT.has(t));
        if (ts) ctx.setResult(PresentationContextResult.Accept, ts);
        else ctx.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
      }
      this.sendAssociationAccept();
    }
    override cStoreRequest(request: InstanceType<typeof CStoreRequest>, callback: (r: InstanceType<typeof CStoreResponse>) => void): void {
      const res = CStoreResponse.fromRequest(request);
      const ds = request.getDataset();
      const uid = ds?.getElement('SOPInstanceUID');
      if (!ds || !uid || !/^[0-9.]+$/.test(uid)) {
        res.setStatus(Status.ProcessingFailure);
        callback(res);
        return;
      }
      ds.toFile(join(dir, `${uid}.dcm`), (err?: Error) => {
        if (!err) got.push(uid);
        res.setStatus(err ? Status.ProcessingFailure : Status.Success);
        callback(res);
      });
    }
    override associationReleaseRequested(): void {
      this.sendAssociationReleaseResponse();
    }
  }
  // Our own listener on loopback: dcmjs-dimse's Server binds every interface.
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const scp = new StoreOnly(socket, {}) as unknown as { connected: boolean };
    scp.connected = true;
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    aet,
    received: () => [...got],
    stop: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

export { Dataset };
