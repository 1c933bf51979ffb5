// The RAD-68 Provide and Register the reference SUT sends: one SubmissionSet and one KOS
// DocumentEntry whose metadata is derived from the same study the manifest describes
// (XDS-I.b + MCWG coding: spec/transactions.md, spec/value-sets.yaml).
import { createHash } from 'node:crypto';
import { ASSOC, DE, DOC_ENTRY_STABLE, SLOT, SS, SUBMISSION_SET_NODE, type SubmitObjectsRequest } from '../../../protocols/ebrim/index.ts';
import { coded, extId, slot } from '../../../fixtures/builders/ebrim-objects.ts';
import type { KosStudy } from '../../../fixtures/builders/kos-model.ts';
import { seededUid } from '../../../fixtures/builders/uids.ts';

const DCM = '1.2.840.10008.2.16.4';
const SCT = '2.16.840.1.113883.6.96';
const LOINC = '2.16.840.1.113883.6.1';
const LOCAL = '2.999.1.1';
export const KOS_FORMAT = {
  code: '1.2.840.10008.5.1.4.1.1.88.59',
  scheme: '1.2.840.10008.2.6.1',
  display: 'Key Object Selection Document',
};
const INSTITUTION = 'Hospital A^^^^^^^^^2.999.1.20';

export interface SubmissionInput {
  study: KosStudy;
  manifest: Uint8Array;
  manifestUid: string;
  /** CX of the XDS patient ID, e.g. MCWG0001^^^&1.2.3&ISO. */
  patientCx: string;
  sourceId: string;
  /** Distinguishes several submissions of one run (unique SubmissionSet uniqueId). */
  n: number;
  formatCode?: { code: string; scheme: string; display: string };
}

export const cx = (id: string, oid: string): string => `${id}^^^&${oid}&ISO`;

export function kosSubmission(i: SubmissionInput): SubmitObjectsRequest {
  const { study } = i;
  const de = 'Document01';
  const ss = 'SubmissionSet01';
  const c = (k: string) => `${de}-${k}`;
  const start = `${study.studyDate}${study.studyTime.slice(0, 6)}`;
  const refs = [`${study.studyInstanceUid}^^^^urn:ihe:iti:xds:2016:studyInstanceUID`];
  if (study.accession) refs.push(`${study.accession.id}^^^&${study.accession.issuerOid}&ISO^urn:ihe:iti:xds:2013:accession`);
  if (study.placerOrder?.id) refs.push(`${study.placerOrder.id}^^^&${study.placerOrder.issuerOid}&ISO^urn:ihe:iti:xds:2013:order`);
  const format = i.formatCode ?? KOS_FORMAT;
  const modalities = [...new Set(study.series.map((s) => s.modality).filter((m) => m !== 'KO'))];
  return {
    kind: 'SubmitObjectsRequest',
    objects: {
      submissionSets: [
        {
          kind: 'SubmissionSet',
          id: ss,
          slots: [slot('submissionTime', `${study.studyDate}120000`)],
          classifications: [
            { id: `${ss}-node`, node: SUBMISSION_SET_NODE, classifiedObject: ss, slots: [], path: '' },
            {
              id: `${ss}-author`,
              scheme: SS.author,
              classifiedObject: ss,
              nodeRepresentation: '',
              slots: [slot('authorInstitution', INSTITUTION)],
              path: '',
            },
            coded(`${ss}-ctc`, SS.contentTypeCode, ss, '18748-4', LOINC, 'Diagnostic imaging study'),
          ],
          externalIdentifiers: [
            extId(`${ss}-uid`, SS.uniqueId, ss, seededUid(i.manifestUid, 'submission-set', i.n), 'XDSSubmissionSet.uniqueId'),
            extId(`${ss}-src`, SS.sourceId, ss, i.sourceId, 'XDSSubmissionSet.sourceId'),
            extId(`${ss}-pid`, SS.patientId, ss, i.patientCx, 'XDSSubmissionSet.patientId'),
          ],
          path: '',
        },
      ],
      documentEntries: [
        {
          kind: 'DocumentEntry',
          id: de,
          objectType: DOC_ENTRY_STABLE,
          mimeType: 'application/dicom',
          slots: [
            slot('creationTime', `${study.studyDate}113000`),
            slot('languageCode', 'en'),
            slot('serviceStartTime', start),
            slot('sourcePatientId', cx(study.patient.id, study.patient.issuerOid)),
            slot('hash', createHash('sha1').update(i.manifest).digest('hex')),
            slot('size', String(i.manifest.byteLength)),
            slot(SLOT.referenceIdList, ...refs),
          ],
          name: { value: study.studyDescription ?? 'Imaging study', path: '' },
          classifications: [
            {
              id: c('author'),
              scheme: DE.author,
              classifiedObject: de,
              nodeRepresentation: '',
              slots: [slot('authorInstitution', INSTITUTION)],
              path: '',
            },
            coded(c('class'), DE.classCode, de, 'imaging-study', LOCAL, 'Imaging study'),
            coded(c('conf'), DE.confidentialityCode, de, 'N', '2.16.840.1.113883.5.25', 'normal'),
            ...modalities.map((m, k) => coded(c(`ev-mod${k}`), DE.eventCodeList, de, m, DCM, m === 'CT' ? 'Computed Tomography' : m)),
            coded(c('ev-region'), DE.eventCodeList, de, '67734004', SCT, 'Upper trunk'),
            coded(c('ev-proc'), DE.eventCodeList, de, 'CT-THORAX', LOCAL, 'CT Thorax'),
            coded(c('format'), DE.formatCode, de, format.code, format.scheme, format.display),
            coded(c('facility'), DE.healthcareFacilityTypeCode, de, '22232009', SCT, 'Hospital'),
            coded(c('practice'), DE.practiceSettingCode, de, '394734003', SCT, 'Radiological specialties'),
            coded(c('type'), DE.typeCode, de, '18748-4', LOINC, 'Diagnostic imaging study'),
          ],
          externalIdentifiers: [
            extId(c('pid'), DE.patientId, de, i.patientCx, 'XDSDocumentEntry.patientId'),
            extId(c('uid'), DE.uniqueId, de, i.manifestUid, 'XDSDocumentEntry.uniqueId'),
          ],
          path: '',
        },
      ],
      folders: [],
      associations: [
        {
          kind: 'Association',
          id: 'as1',
          type: ASSOC.hasMember,
          source: ss,
          target: de,
          slots: [slot('SubmissionSetStatus', 'Original')],
          path: '',
        },
      ],
      objectRefs: [],
      unclassifiedPackages: [],
      path: '',
    },
    documents: [{ id: de, content: i.manifest, path: '' }],
    path: '',
  };
}
