// The gateway's publication: it enumerates the reported study at the PACS with Study Root
// C-FIND at STUDY, SERIES and IMAGE levels (GW-003), builds the KOS manifest from those
// results and the report (national patient ID, local ID kept, the report's accession), and
// publishes it by RAD-68 and the report by ITI-41 (with the IID link of the gateway's own
// viewer, GW-009) to the registry. A study that changes at the PACS later is published again as
// a replacement manifest (RPLC, GW-011).
import type { Exchange } from '../../../../model/exchange.ts';
import { writePart10 } from '../../../../protocols/dicom/writer.ts';
import { buildManifest } from '../../../../fixtures/builders/kos.ts';
import type { KosStudy } from '../../../../fixtures/builders/kos-model.ts';
import { seededUid } from '../../../../fixtures/builders/uids.ts';
import { provideAndRegister } from '../../../../simulators/clients/xds-source.ts';
import { cFind, type DimsePeer } from '../../../../simulators/clients/dimse.ts';
import { kosSubmission } from '../../common/kos-submission.ts';
import { ASSOC, type Association } from '../../../../protocols/ebrim/index.ts';
import { iidStudyUrl } from '../../../../validators/iid/iid-url.ts';
import type { DefectId } from './defects.ts';
import type { ReportFacts } from './report-intake.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const personName = (v: unknown): string => (Array.isArray(v) ? str((v[0] as { Alphabetic?: string } | undefined)?.Alphabetic) : str(v));

export const SOURCE_ID = '2.999.1.60';
export const REPORT_FORMAT = { code: 'urn:ihe:rad:TEXT', scheme: '1.3.6.1.4.1.19376.1.2.3', display: 'Radiology report text' };

/** The study as the PACS describes it, identified as the report says. */
export async function enumerateStudy(pacs: DimsePeer, report: ReportFacts, defect: DefectId | undefined): Promise<KosStudy> {
  const [st] = await cFind(pacs, 'STUDY', {
    StudyInstanceUID: report.studyUid,
    PatientName: '',
    PatientBirthDate: '',
    PatientSex: '',
    StudyDate: '',
    StudyTime: '',
    StudyID: '',
    ReferringPhysicianName: '',
    StudyDescription: '',
  });
  if (!st) throw new Error(`the PACS does not know study ${report.studyUid}`);
  const seriesRows = await cFind(pacs, 'SERIES', { StudyInstanceUID: report.studyUid });
  const series = [];
  for (const s of seriesRows) {
    const uid = str(s.SeriesInstanceUID);
    const images = await cFind(pacs, 'IMAGE', { StudyInstanceUID: report.studyUid, SeriesInstanceUID: uid });
    series.push({
      seriesInstanceUid: uid,
      modality: str(s.Modality) || 'OT',
      seriesNumber: str(s.SeriesNumber),
      ...(str(s.SeriesDescription) ? { description: str(s.SeriesDescription) } : {}),
      instances: images
        .map((i) => ({ sopClassUid: str(i.SOPClassUID), sopInstanceUid: str(i.SOPInstanceUID), instanceNumber: str(i.InstanceNumber) }))
        .sort((a, b) => Number(a.instanceNumber) - Number(b.instanceNumber)),
    });
  }
  series.sort((a, b) => Number(a.seriesNumber) - Number(b.seriesNumber));
  if (defect === 'kos-missing-series') series.pop();
  const national = { id: report.national.id, issuerOid: report.national.oid };
  const local = { id: report.local.id, issuerOid: report.local.oid };
  return {
    patientName: personName(st.PatientName) || 'UNKNOWN',
    patientBirthDate: str(st.PatientBirthDate),
    patientSex: str(st.PatientSex) || 'O',
    patient: defect === 'local-patient-id' ? local : national,
    otherPatientIds: [defect === 'local-patient-id' ? national : local],
    studyInstanceUid: report.studyUid,
    studyDate: str(st.StudyDate),
    studyTime: str(st.StudyTime) || '000000',
    studyId: str(st.StudyID) || '1',
    ...(str(st.StudyDescription) ? { studyDescription: str(st.StudyDescription) } : {}),
    referringPhysician: personName(st.ReferringPhysicianName),
    accession: { id: defect === 'wrong-accession' ? 'ACC999' : report.accession.id, issuerOid: report.accession.oid },
    series,
  };
}

export interface PublishTarget {
  repository: string;
  wadoBase: string;
  patientCx: string;
  /** The gateway's own viewer (GW-009): the published report carries its IID link. */
  viewerBase?: string;
}

/** The manifest's SOP Instance UID: a replacement (version 2, 3…) is a new object (KOS-049). */
export function manifestUidOf(studyUid: string, version: number): string {
  return version === 1 ? seededUid(studyUid, 'gateway-manifest') : seededUid(studyUid, 'gateway-manifest', version);
}

/**
 * Publishes the study's manifest by RAD-68; a replacement (`replaces`: the prior entry's
 * entryUUID in the registry) carries an RPLC association to it (ITI TF-3 4.2.2.2).
 */
export async function publishManifest(
  study: KosStudy,
  to: PublishTarget,
  version: number,
  record: (e: Exchange) => void,
  replaces?: string,
): Promise<void> {
  const manifestUid = manifestUidOf(study.studyInstanceUid, version);
  const kos = writePart10(
    buildManifest(study, {
      retrieveBase: to.wadoBase,
      retrieveLocationUid: '2.999.1.61',
      sopInstanceUid: manifestUid,
      seriesInstanceUid: seededUid(study.studyInstanceUid, 'gateway-manifest-series'),
      contentDate: study.studyDate,
      contentTime: '120000',
    }),
  );
  const sub = kosSubmission({
    study,
    manifest: kos,
    manifestUid,
    patientCx: to.patientCx,
    sourceId: SOURCE_ID,
    n: version === 1 ? 1 : 10 + version,
  });
  if (replaces) sub.objects.associations.push(rplc(sub.objects.documentEntries[0]!.id, replaces));
  // Whether the registry took it is the plan's to judge (it reads our registry), not ours.
  await provideAndRegister(to.repository, sub, record, 'RAD-68');
}

export async function publish(
  study: KosStudy,
  report: ReportFacts,
  to: PublishTarget,
  defect: DefectId | undefined,
  record: (e: Exchange) => void,
): Promise<void> {
  await publishManifest(study, to, 1, record);
  if (defect === 'no-report-publication') return;
  await publishReport(study, report, to, 1, record);
}

/** The report document's uniqueId: a corrected report (version 2, 3…) is a new document (RIS-010). */
export function reportUidOf(studyUid: string, version: number): string {
  return version === 1 ? seededUid(studyUid, 'gateway-report') : seededUid(studyUid, 'gateway-report', version);
}

/** Publishes the report by ITI-41; a correction (`replaces`: the prior report's entryUUID) carries RPLC to it. */
export async function publishReport(
  study: KosStudy,
  report: ReportFacts,
  to: PublishTarget,
  version: number,
  record: (e: Exchange) => void,
  replaces?: string,
): Promise<void> {
  const link = to.viewerBase ? `\nImages: ${iidStudyUrl(to.viewerBase, [report.studyUid])}` : '';
  const text = new Uint8Array(Buffer.from(`${report.text}${link}`, 'utf8'));
  const reportUid = reportUidOf(report.studyUid, version);
  // The report's own metadata links it by the report's accession, whatever the manifest says.
  const reported = { ...study, accession: { id: report.accession.id, issuerOid: report.accession.oid } };
  const sub = kosSubmission({
    study: reported,
    manifest: text,
    manifestUid: reportUid,
    patientCx: to.patientCx,
    sourceId: SOURCE_ID,
    n: version === 1 ? 2 : 20 + version,
    formatCode: REPORT_FORMAT,
  });
  const entry = sub.objects.documentEntries[0]!;
  entry.mimeType = 'text/plain';
  if (replaces) sub.objects.associations.push(rplc(entry.id, replaces));
  await provideAndRegister(to.repository, sub, record, 'ITI-41');
}

function rplc(source: string, target: string): Association {
  return { kind: 'Association', id: 'Replaces01', type: ASSOC.rplc, source, target, slots: [], path: '' };
}
