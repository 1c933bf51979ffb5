// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';
import { AUDIT_FINDINGS } from '../common/audit-findings.ts';

export const FINDINGS: readonly PlanFinding[] = [
  ...AUDIT_FINDINGS,
  { id: 'mhd-src.attachment.binary', reqIds: ['MHD-002'], title: 'attachment.url names a Binary of the Bundle' },
  { id: 'mhd-src.binary.type', reqIds: ['MHD-002'], title: 'the Binary is application/dicom' },
  { id: 'mhd-src.attachment.hash', reqIds: ['MHD-003'], title: 'attachment.hash is the base64 SHA-1 of the Binary' },
  { id: 'mhd-src.attachment.size', reqIds: ['MHD-003'], title: 'attachment.size is the byte count of the Binary' },
  { id: 'mhd-src.subject', reqIds: ['MHD-007'], title: 'the subject is a patient of the affinity domain' },
  { id: 'mhd-src.bundle.readable', reqIds: ['MHD-001'], title: 'the ITI-65 body is a readable FHIR Bundle' },
  { id: 'mhd-src.bundle.type', reqIds: ['MHD-001'], title: 'the Bundle is of type transaction' },
  {
    id: 'mhd-src.bundle.accepted',
    reqIds: ['MHD-002', 'MHD-003', 'MHD-007'],
    title: 'our recipient accepts the Bundle (a refusal cites the requirement its XDS code points at)',
  },
];
