// Broken variants of the reference MHD Document Consumer: one injected defect each in how it
// searches, what it retrieves or how it talks WADO-RS, with exactly the requirements the plan
// must fail on (a failed manifest test skips the image checks).
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { AUDIT_DEFECTS } from '../../common/audit-reference.ts';
import { initiatorTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'over-broad-search',
  'wrong-study',
  'uses-qido',
  'bad-accept',
  'skips-retrieval',
  'ignores-retry-after',
  'kin-reads-ko',
  'kin-whole-study',
  'kin-other-series',
  'accepts-any-server-cert',
  'accepts-legacy-tls',
  'sends-no-audit',
  'audit-wrong-event-id',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'sends-no-audit': AUDIT_DEFECTS['sends-no-audit'],
  'audit-wrong-event-id': AUDIT_DEFECTS['audit-wrong-event-id'],
  ...initiatorTlsDefects(),
  'over-broad-search': {
    id: 'over-broad-search',
    description: 'ITI-67 with only the patient and status: every study of the patient comes back',
    fails: ['META-023'],
  },
  'wrong-study': {
    id: 'wrong-study',
    description: 'retrieves the manifest of the MR study instead of the CT asked for',
    fails: ['WADO-012'],
  },
  'uses-qido': { id: 'uses-qido', description: 'searches the WADO-RS source by QIDO-RS before retrieving', fails: ['WADO-012'] },
  'bad-accept': { id: 'bad-accept', description: 'asks for application/dicom without multipart/related', fails: ['WADO-015'] },
  'skips-retrieval': {
    id: 'skips-retrieval',
    description: 'finds and retrieves the manifest but never retrieves the images',
    fails: ['WADO-011'],
  },
  'ignores-retry-after': {
    id: 'ignores-retry-after',
    description: 'retries a retrieve answered 503 at once, ignoring its Retry-After',
    fails: ['WADO-010'],
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
