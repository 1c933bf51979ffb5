// Broken variants of the reference Imaging Document Consumer: one injected defect each in how
// it queries, what it retrieves or how it talks WADO-RS, with exactly the requirements the plan
// must fail on (a failed query or manifest test skips the later ones).
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { AUDIT_DEFECTS } from '../../common/audit-reference.ts';
import { initiatorTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'over-broad-query',
  'no-patient-id',
  'wrong-study',
  'skips-retrieval',
  'uses-qido',
  'depends-on-metadata',
  'bad-accept',
  'ignores-retry-after',
  'accepts-any-server-cert',
  'accepts-legacy-tls',
  'xca-drops-home',
  'kin-reads-ko',
  'kin-whole-study',
  'kin-other-series',
  'sends-no-audit',
  'audit-wrong-event-id',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'sends-no-audit': AUDIT_DEFECTS['sends-no-audit'],
  'audit-wrong-event-id': AUDIT_DEFECTS['audit-wrong-event-id'],
  ...initiatorTlsDefects(),
  'over-broad-query': {
    id: 'over-broad-query',
    description: 'FindDocuments with only the patient ID (and status): every study of the patient comes back',
    fails: ['META-023'],
  },
  'no-patient-id': {
    id: 'no-patient-id',
    description: 'FindDocuments without $XDSDocumentEntryPatientId (only the Study Instance UID)',
    fails: ['XDS-025'],
  },
  'wrong-study': {
    id: 'wrong-study',
    description: 'queries by date range and retrieves the other study of that range (the MR) instead of the CT asked for',
    fails: ['XDS-025'],
  },
  'skips-retrieval': {
    id: 'skips-retrieval',
    description: 'finds and retrieves the manifest but never retrieves the images',
    fails: ['WADO-011'],
  },
  'uses-qido': {
    id: 'uses-qido',
    description: 'searches the study by QIDO-RS before retrieving it',
    fails: ['WADO-012'],
  },
  'depends-on-metadata': {
    id: 'depends-on-metadata',
    description: 'asks for the series metadata first and gives up when the source does not offer it',
    fails: ['WADO-011'],
  },
  'bad-accept': {
    id: 'bad-accept',
    description: 'retrieves with Accept: multipart/related; type="image/jpeg" (rendered, not Part 10)',
    fails: ['WADO-015'],
  },
  'ignores-retry-after': {
    id: 'ignores-retry-after',
    description: 'retries a retrieve answered 503 at once, ignoring its Retry-After',
    fails: ['WADO-010'],
  },
  'xca-drops-home': {
    id: 'xca-drops-home',
    description: 'architecture B: retrieves the manifest through the initiating gateway without the HomeCommunityId the query returned',
    fails: ['XDS-025'],
  },
  'kin-reads-ko': {
    id: 'kin-reads-ko',
    description: 'in the key-images-only view, retrieves the key-image note (KO) to learn what is flagged',
    fails: ['KIN-012'],
  },
  'kin-whole-study': {
    id: 'kin-whole-study',
    description: 'in the key-images-only view, retrieves the whole study at study level',
    fails: ['KIN-013'],
  },
  'kin-other-series': {
    id: 'kin-other-series',
    description: 'in the key-images-only view, also retrieves a whole series that holds no flagged image',
    fails: ['KIN-013'],
  },
};
