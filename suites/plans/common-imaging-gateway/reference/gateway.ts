// The reference Common Imaging Gateway: an HL7 MLLP receiver for the RIS (our RIS simulator's
// receiver), DIMSE to the legacy PACS, publication to the registry, a WADO-RS front over its
// C-MOVE cache, and consumption of remote studies. Each final report triggers publication
// of its study, then a look for the patient's remote studies. Its own IID viewer (our Image
// Display over its WADO-RS front) is linked from every report it publishes (GW-009), and it
// polls the PACS for studies it published: a changed study is published again as a
// replacement manifest (RPLC, GW-011). With `tls` its HL7 receiver and its WADO-RS front (the
// base its manifests name) take only TLS, from the reference's test PKI (SEC-001, SEC-002). With
// `lookups` it also looks the patient up, over TLS, in further registries after each consume (the
// plan's TLS servers, checking it as a TLS client).
import { join } from 'node:path';
import type { ConnectionOptions, TlsOptions } from 'node:tls';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { seededUid } from '../../../../fixtures/builders/uids.ts';
import { startRis } from '../../../../simulators/ris/index.ts';
import { XDS_PATHS } from '../../../../simulators/xds/server.ts';
import type { DimsePeer } from '../../../../simulators/clients/dimse.ts';
import { consumeRemote } from './consume.ts';
import { SLOW_PUBLICATION_MS, type DefectId } from './defects.ts';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import { imageDisplaySimulator } from '../../../../simulators/iid/server.ts';
import { storedQuery, param } from '../../../../simulators/clients/xds-consumer.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { cFind } from '../../../../simulators/clients/dimse.ts';
import type { KosStudy } from '../../../../fixtures/builders/kos-model.ts';
import { enumerateStudy, manifestUidOf, publish, publishManifest, publishReport, reportUidOf, type PublishTarget } from './publication.ts';
import { reportOf, type ReportFacts } from './report-intake.ts';
import { startWadoFront } from './wado-front.ts';

export const GATEWAY_AET = 'MCWGGW';
/** How often the gateway asks the PACS whether a published study changed (GW-011). */
export const REPUBLISH_POLL_MS = 1_000;

/** What the gateway published for a study: enough to notice a change and replace the manifest. */
interface Published {
  report: ReportFacts;
  study: KosStudy;
  target: PublishTarget;
  instances: string;
  /** Versions of the manifest and of the report published so far (1: the first). */
  version: number;
  reportVersion: number;
}

/** The study's SOP Instance UIDs at the PACS (SERIES then IMAGE level), sorted, as one key. */
async function pacsInstances(pacs: DimsePeer, studyUid: string): Promise<string> {
  const out: string[] = [];
  for (const s of await cFind(pacs, 'SERIES', { StudyInstanceUID: studyUid })) {
    const images = await cFind(pacs, 'IMAGE', { StudyInstanceUID: studyUid, SeriesInstanceUID: String(s.SeriesInstanceUID ?? '') });
    for (const i of images) out.push(String(i.SOPInstanceUID ?? ''));
  }
  return out.sort().join(',');
}

export interface GatewayOptions {
  pacs: DimsePeer;
  /** Our XDS registry/repository base URL. */
  xdsUrl: string;
  dataDir: string;
  announce(port: number): Promise<void>;
  defect?: DefectId;
  /** TLS server options of the HL7 receiver and the WADO-RS front (mutual TLS when they name a CA). */
  tls?: TlsOptions;
  /** Registry URLs (ITI-18) the gateway also queries for the patient, with its TLS client options. */
  lookups?: { registries: readonly string[]; tls: ConnectionOptions };
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
  const ris = await startRis({ application: 'MCWGGW', facility: 'HOSP', ...(o.tls ? { tls: o.tls } : {}) });
  const front = await startWadoFront({
    pacs: o.pacs,
    aet: GATEWAY_AET,
    cacheDir: join(o.dataDir, 'cache'),
    announce: o.announce,
    stale: defect === 'stale-wado-cache',
  });
  // The public WADO-RS base: a TLS front over the cache's loopback one, which only the gateway's own viewer reads.
  const tlsFront = o.tls ? await startProxy(front.base.replace(/\/dicom-web$/, ''), (_q, res) => res, o.tls) : undefined;
  const wadoBase = tlsFront ? `${tlsFront.url}/dicom-web` : front.base;
  // Everyone on the loopback may look: viewer authentication (IID-006) is the image-display
  // plan's. The defect points the viewer at a retired image endpoint: every link opens an error page.
  const viewer = await startSimulators({
    plugins: [
      imageDisplaySimulator({
        source: defect === 'viewer-error-page' ? front.base.replace(/\/dicom-web$/, '/retired-dicom-web') : front.base,
        authenticate: () => ({ ok: true, user: 'gateway-user' }),
      }),
    ],
  });
  const problems: string[] = [];
  const seen = new Set<string>();
  const published = new Map<string, Published>();
  let work: Promise<void> = Promise.resolve();
  const handle = async (r: ReportFacts) => {
    const patientCx = `${r.national.id}^^^&${r.national.oid}&ISO`;
    const instances = await pacsInstances(o.pacs, r.studyUid);
    const study = await enumerateStudy(o.pacs, r, defect);
    if (defect === 'slow-publication') await new Promise((ok) => setTimeout(ok, SLOW_PUBLICATION_MS));
    const target = {
      repository: `${o.xdsUrl}${XDS_PATHS.repository}`,
      wadoBase,
      patientCx,
      viewerBase: viewer.simulators.iid!.base,
    };
    await publish(study, r, target, defect, () => undefined);
    published.set(r.studyUid, { report: r, study, target, instances, version: 1, reportVersion: 1 });
    if (defect !== 'no-consume') {
      const own = new Set([manifestUidOf(r.studyUid, 1), seededUid(r.studyUid, 'gateway-report')]);
      await consumeRemote({
        registry: `${o.xdsUrl}${XDS_PATHS.registry}`,
        repository: `${o.xdsUrl}${XDS_PATHS.repository}`,
        patientCx,
        own,
      });
    }
    // Refused or not, the next registry is tried: the plan judges each connection.
    for (const registry of o.lookups?.registries ?? [])
      await storedQuery(
        registry,
        QUERY.FindDocuments,
        [param('$XDSDocumentEntryPatientId', patientCx), param('$XDSDocumentEntryStatus', STATUS.approved)],
        () => undefined,
        'LeafClass',
        o.lookups!.tls,
      ).catch(() => undefined);
  };
  /** The registry's entryUUID of a document we published: what an RPLC association targets. */
  const entryUuidOf = async (uniqueId: string): Promise<string> => {
    const q = await storedQuery(
      `${o.xdsUrl}${XDS_PATHS.registry}`,
      QUERY.GetDocuments,
      [param('$XDSDocumentEntryUniqueId', uniqueId)],
      () => undefined,
    );
    const uuid = q.response?.objects.documentEntries[0]?.id;
    if (!uuid) throw new Error(`the registry does not know our document ${uniqueId}`);
    return uuid;
  };
  // A changed study gets a replacement manifest: new SOP Instance UID, RPLC to the entry it replaces.
  const republish = async () => {
    for (const [studyUid, p] of published) {
      const now = await pacsInstances(o.pacs, studyUid);
      if (now === p.instances) continue;
      const priorUuid = await entryUuidOf(manifestUidOf(studyUid, p.version));
      const study = await enumerateStudy(o.pacs, p.report, defect);
      await publishManifest(study, p.target, p.version + 1, () => undefined, priorUuid);
      published.set(studyUid, { ...p, study, instances: now, version: p.version + 1 });
    }
  };
  // A corrected report (OBR-25 C) replaces the published one: a new document, RPLC to the prior (RIS-010).
  const correct = async (r: ReportFacts) => {
    const p = published.get(r.studyUid);
    if (!p) throw new Error(`a correction of study ${r.studyUid}, whose report was never published`);
    const priorUuid = await entryUuidOf(reportUidOf(r.studyUid, p.reportVersion));
    const replaces = defect === 'correction-without-rplc' ? undefined : priorUuid;
    await publishReport(p.study, r, p.target, p.reportVersion + 1, () => undefined, replaces);
    published.set(r.studyUid, { ...p, report: r, reportVersion: p.reportVersion + 1 });
  };
  let polling = false; // one look at a time: a slow PACS must not pile looks up
  const watch =
    defect === 'no-republication'
      ? undefined
      : setInterval(() => {
          if (polling) return;
          polling = true;
          work = work
            .then(republish)
            .catch((err: unknown) => void problems.push(err instanceof Error ? err.message : String(err)))
            .then(() => void (polling = false));
        }, REPUBLISH_POLL_MS);
  const poll = setInterval(() => {
    for (const ex of ris.exchanges()) {
      if (seen.has(ex.id)) continue;
      seen.add(ex.id);
      const r = reportOf(ex);
      // Preliminary reports are acknowledged but not published (RIS-009).
      const failed = (err: unknown) => void problems.push(err instanceof Error ? err.message : String(err));
      if (r?.final) work = work.then(() => handle(r)).catch(failed);
      else if (r?.corrected) work = work.then(() => correct(r)).catch(failed);
    }
  }, 50);
  return {
    hl7: ris.url,
    wadoBase,
    problems,
    stop: async () => {
      clearInterval(poll);
      if (watch) clearInterval(watch);
      await work;
      await viewer.stop();
      await ris.stop();
      await tlsFront?.stop();
      await front.stop();
    },
  };
}
