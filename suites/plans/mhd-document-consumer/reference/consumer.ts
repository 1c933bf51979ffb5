// What the reference MHD consumer does when asked for the target study: ITI-67 for the patient
// narrowed by modality and date, ITI-68 of the manifest whose Study UID it was given, then a
// Part 10 WADO-RS retrieve of each series at its Retrieve URL. A defect changes one thing.
import type { DocumentReference } from 'fhir/r4.js';
import { findDocumentReferences, resourcesOf, retrieveDocument } from '../../../../simulators/clients/mhd-consumer.ts';
import { PART10_ACCEPT } from '../../../../simulators/clients/wado-rs.ts';
import { readKos } from '../../../../validators/kos/validate.ts';
import type { DefectId } from './defects.ts';

export interface ConsumeTask {
  fhir: string;
  wado: string;
  patientToken: string;
  /** The manifest uniqueId of the study asked for, and of the decoy a defect picks. */
  targetUid: string;
  decoyUid: string;
  studyUid: string;
}

export async function consume(t: ConsumeTask, defect: DefectId | undefined): Promise<void> {
  const narrow = defect === 'over-broad-search' ? {} : { modality: 'CT', date: ['ge2024-01-01', 'le2024-12-31'] };
  const found = await findDocumentReferences(t.fhir, { 'patient.identifier': t.patientToken, status: 'current', ...narrow }, () => undefined);
  // Over-broad searches return more: the consumer still picks by what it was asked for.
  const all = defect === 'wrong-study' ? (await findDocumentReferences(t.fhir, { 'patient.identifier': t.patientToken, status: 'current' }, () => undefined)).resource : found.resource;
  const want = defect === 'wrong-study' ? t.decoyUid : t.targetUid;
  const dr = resourcesOf<DocumentReference>(all, 'DocumentReference').find((d) => (d.masterIdentifier?.value ?? '').endsWith(want));
  const url = dr?.content[0]?.attachment.url;
  if (!url) return;
  const doc = await retrieveDocument(url, () => undefined);
  const facts = doc.data ? readKos(doc.data, 'manifest').facts : undefined;
  if (!facts || defect === 'skips-retrieval' || defect === 'wrong-study') return;
  if (defect === 'uses-qido') await (await fetch(`${t.wado}/studies?StudyInstanceUID=${t.studyUid}`, { headers: { accept: 'application/dicom+json' } })).arrayBuffer();
  for (const s of facts.series) {
    if (!s.retrieveUrl) continue;
    const res = await fetch(s.retrieveUrl, { headers: { accept: defect === 'bad-accept' ? 'application/dicom' : PART10_ACCEPT } });
    await res.arrayBuffer();
  }
}
