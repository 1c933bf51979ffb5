// What the reference MHD consumer does when asked for the target study: ITI-67 for the patient
// narrowed by modality and date, ITI-68 of the manifest whose Study UID it was given, then a
// Part 10 WADO-RS retrieve of each series at its Retrieve URL; then the key-images-only view
// (manifest read again, only the back-referenced images retrieved). A defect changes one thing.
// The first search goes again over TLS to the plan's TLS servers (`overTls`), where refusing the
// bad ones is the point, not a stop. `record` sees each ITI-67 and ITI-68 exchange (its audits).
import type { DocumentReference } from 'fhir/r4.js';
import type { ConnectionOptions } from 'node:tls';
import type { Exchange } from '../../../../model/exchange.ts';
import { findDocumentReferences, resourcesOf, retrieveDocument } from '../../../../simulators/clients/mhd-consumer.ts';
import { PART10_ACCEPT } from '../../../../simulators/clients/wado-rs.ts';
import { readKos } from '../../../../validators/kos/validate.ts';
import { viewKeyImages } from '../../common/imaging-consumer/key-images-view.ts';
import type { DefectId } from './defects.ts';

const MAX_BUSY_RETRIES = 3;
const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
/** Retry-After in seconds (the HTTP-date form is not used by our sources); 1 s when absent. */
const retryAfterMs = (v: string | null): number => {
  const n = Number(v ?? '');
  return v !== null && Number.isFinite(n) && n >= 0 ? n * 1000 : 1000;
};

export interface ConsumeTask {
  fhir: string;
  wado: string;
  patientToken: string;
  /** The manifest uniqueId of the study asked for, and of the decoy a defect picks. */
  targetUid: string;
  decoyUid: string;
  studyUid: string;
}

export async function consume(
  t: ConsumeTask,
  defect: DefectId | undefined,
  overTls: readonly { fhir: string; tls: ConnectionOptions }[] = [],
  record: (e: Exchange) => void = () => undefined,
): Promise<void> {
  const narrow = defect === 'over-broad-search' ? {} : { modality: 'CT', date: ['ge2024-01-01', 'le2024-12-31'] };
  const search = { 'patient.identifier': t.patientToken, status: 'current', ...narrow };
  const found = await findDocumentReferences(t.fhir, search, record);
  for (const o of overTls) await findDocumentReferences(o.fhir, search, record, {}, { tls: o.tls });
  // Over-broad searches return more: the consumer still picks by what it was asked for.
  const all =
    defect === 'wrong-study'
      ? (await findDocumentReferences(t.fhir, { 'patient.identifier': t.patientToken, status: 'current' }, record)).resource
      : found.resource;
  const want = defect === 'wrong-study' ? t.decoyUid : t.targetUid;
  const dr = resourcesOf<DocumentReference>(all, 'DocumentReference').find((d) => (d.masterIdentifier?.value ?? '').endsWith(want));
  const url = dr?.content[0]?.attachment.url;
  if (!url) return;
  const doc = await retrieveDocument(url, record);
  const facts = doc.data ? readKos(doc.data, 'manifest').facts : undefined;
  if (!facts || defect === 'skips-retrieval' || defect === 'wrong-study') return;
  if (defect === 'uses-qido')
    await (
      await fetch(`${t.wado}/studies?StudyInstanceUID=${t.studyUid}`, { headers: { accept: 'application/dicom+json' } })
    ).arrayBuffer();
  for (const s of facts.series) {
    if (!s.retrieveUrl) continue;
    const url = s.retrieveUrl;
    const get = async () => {
      const res = await fetch(url, { headers: { accept: defect === 'bad-accept' ? 'application/dicom' : PART10_ACCEPT } });
      await res.arrayBuffer();
      return res;
    };
    // A busy source (503) is asked again after its Retry-After, a few times at most (WADO-010).
    for (let attempt = 0, r = await get(); r.status === 503 && attempt < MAX_BUSY_RETRIES; attempt++) {
      await pause(defect === 'ignores-retry-after' ? 0 : retryAfterMs(r.headers.get('retry-after')));
      r = await get();
    }
  }
  await keyImagesSession(url, defect, record);
}

/**
 * The key-images-only view (KIN-012/013): the manifest is read again (ITI-68), the flagged
 * images are the back-referenced ones, each retrieved alone at instance level. The defects open
 * the KIN, or retrieve too much.
 */
async function keyImagesSession(binaryUrl: string, defect: DefectId | undefined, record: (e: Exchange) => void): Promise<void> {
  const doc = await retrieveDocument(binaryUrl, record);
  await viewKeyImages(doc.data, defect, async (u) => void (await (await fetch(u, { headers: { accept: PART10_ACCEPT } })).arrayBuffer()));
}
