// Broken variants of the reference WADO-RS source: one injected defect each, through the
// simulator's fault injection, the files it serves, or the defect proxy in front of it
// (proxy.ts), with exactly the requirements the plan must fail on.
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { AUDIT_DEFECTS } from '../../common/audit-reference.ts';
import { serverTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'drops-instance',
  'outage',
  'truncated-multipart',
  'accepts-bogus-syntax',
  'wrong-content-type',
  'malformed-uid-404',
  'wrong-patient-id',
  'overload-500',
  'buffers-body',
  'tls-legacy-versions',
  'tls-no-client-auth',
  'ignores-token',
  'sends-no-audit',
  'audit-wrong-study',
  'series-needs-own-grant',
  'manifest-grant-ignored',
  'qido-across-studies',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'drops-instance': {
    id: 'drops-instance',
    description: 'the source does not hold one image the manifest references (study and series retrieves miss it)',
    fails: ['WADO-001', 'WADO-002'],
  },
  outage: {
    id: 'outage',
    description: 'the source is down: every request answers 503 (with Retry-After)',
    fails: ['GW-012', 'WADO-001', 'WADO-005', 'WADO-006', 'WADO-007', 'WADO-008', 'WADO-010', 'WADO-011'],
  },
  'truncated-multipart': {
    id: 'truncated-multipart',
    description: 'retrieve bodies end early without the multipart close delimiter',
    fails: ['GW-012', 'WADO-001', 'WADO-004'],
  },
  'accepts-bogus-syntax': {
    id: 'accepts-bogus-syntax',
    description: 'a transfer syntax the source cannot supply is answered 200 (the default) instead of 406',
    fails: ['WADO-006'],
  },
  'wrong-content-type': {
    id: 'wrong-content-type',
    description: 'retrieve responses say multipart/related; type="application/octet-stream"',
    fails: ['WADO-004'],
  },
  'malformed-uid-404': {
    id: 'malformed-uid-404',
    description: 'a malformed UID is answered 404 instead of 400',
    fails: ['WADO-008'],
  },
  'overload-500': {
    id: 'overload-500',
    description: 'past 4 concurrent retrieves (of the load test) the source answers 500, not 503',
    fails: ['WADO-010'],
  },
  'buffers-body': {
    id: 'buffers-body',
    description: 'retrieve bodies are assembled whole before the first byte is sent',
    fails: ['WADO-016'],
  },
  'wrong-patient-id': {
    id: 'wrong-patient-id',
    description: "the images' Patient ID is not the one the manifest states",
    fails: ['WADO-001', 'WADO-002', 'WADO-003'],
  },
  ...serverTlsDefects('the source'),
  'ignores-token': {
    id: 'ignores-token',
    description: 'the source serves every request, with or without a valid token, for any patient',
    fails: ['SEC-005', 'SEC-006'],
  },
  'sends-no-audit': AUDIT_DEFECTS['sends-no-audit'],
  'audit-wrong-study': AUDIT_DEFECTS['audit-wrong-study'],
  'series-needs-own-grant': {
    id: 'series-needs-own-grant',
    description:
      "the token that grants the manifest's study is refused (403) below the study level: series and instance retrieves (an unknown series too, instead of 404) are refused",
    fails: ['SEC-007', 'WADO-002', 'WADO-003', 'WADO-007'],
  },
  'manifest-grant-ignored': {
    id: 'manifest-grant-ignored',
    description:
      'honours study grants only: the token a consumer holds for the manifest is refused (403) for the images the manifest references',
    fails: ['SEC-007'],
  },
  'qido-across-studies': {
    id: 'qido-across-studies',
    description: 'a patient-level QIDO search is answered with every study of the patient, another study included',
    fails: ['SEC-009'],
  },
};

export function isDefectId(s: string): s is DefectId {
  return (DEFECT_IDS as readonly string[]).includes(s);
}
