// The reference Common Imaging Gateway: an HL7 MLLP receiver for the RIS (our RIS simulator's
// receiver), DIMSE to the legacy PACS, publication to the registry, a WADO-RS front over its
// C-MOVE cache, and consumption of remote studies. Each final report triggers publication
// of its study, then a look for the patient's remote studies.
import { join } from 'node:path';
import { seededUid } from '../../../../fixtures/builders/uids.ts';
import { startRis } from '../../../../simulators/ris/index.ts';
import { XDS_PATHS } from '../../../../simulators/xds/server.ts';
import type { DimsePeer } from '../../../../simulators/clients/dimse.ts';
import { consumeRemote } from './consume.ts';
import { SLOW_PUBLICATION_MS, type DefectId } from './defects.ts';
import { enumerateStudy, publish } from './publication.ts';
import { reportOf, type ReportFacts } from './report-intake.ts';
import { startWadoFront } from './wado-front.ts';

export const GATEWAY_AET = 'MCWGGW';

export interface GatewayOptions {
  pacs: DimsePeer;
  /** Our XDS registry/repository base URL. */
  xdsUrl: string;
  dataDir: string;
  announce(port: number): Promise<void>;
  defect?: DefectId;
}

export interface Gateway {
  hl7: string;
  wadoBase: string;
  /** Errors of background work, for diagnosis. */
  problems: string[];
  stop(): Promise<void>;
}

export async function startGateway(o: GatewayOptions): Promise<Gateway> {
  const { defect } = o;
  const ris = await startRis({ application: 'MCWGGW', facility: 'HOSP' });
  const front = await startWadoFront({
    pacs: o.pacs,
    aet: GATEWAY_AET,
    cacheDir: join(o.dataDir, 'cache'),
    announce: o.announce,
    stale: defect === 'stale-wado-cache',
  });
  const problems: string[] = [];
  const seen = new Set<string>();
  let work: Promise<void> = Promise.resolve();
  const handle = async (r: ReportFacts) => {
    const patientCx = `${r.national.id}^^^&${r.national.oid}&ISO`;
    const study = await enumerateStudy(o.pacs, r, defect);
    if (defect === 'slow-publication') await new Promise((ok) => setTimeout(ok, SLOW_PUBLICATION_MS));
    await publish(study, r, { repository: `${o.xdsUrl}${XDS_PATHS.repository}`, wadoBase: front.base, patientCx }, defect, () => undefined);
    if (defect === 'no-consume') return;
    const own = new Set([seededUid(r.studyUid, 'gateway-manifest'), seededUid(r.studyUid, 'gateway-report')]);
    await consumeRemote({ registry: `${o.xdsUrl}${XDS_PATHS.registry}`, repository: `${o.xdsUrl}${XDS_PATHS.repository}`, patientCx, own });
  };
  const poll = setInterval(() => {
    for (const ex of ris.exchanges()) {
      if (seen.has(ex.id)) continue;
      seen.add(ex.id);
      const r = reportOf(ex);
      // Preliminary reports are acknowledged but not published (RIS-009).
      if (r?.final)
        work = work.then(() => handle(r)).catch((err: unknown) => void problems.push(err instanceof Error ? err.message : String(err)));
    }
  }, 50);
  return {
    hl7: `mllp://127.0.0.1:${ris.port}`,
    wadoBase: front.base,
    problems,
    stop: async () => {
      clearInterval(poll);
      await work;
      await ris.stop();
      await front.stop();
    },
  };
}
