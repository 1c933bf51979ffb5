// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';
import { AUDIT_FINDINGS } from '../common/audit-findings.ts';

export const FINDINGS: readonly PlanFinding[] = [
  ...AUDIT_FINDINGS,
  { id: 'mhd.provide.status', reqIds: ['MHD-005'], title: 'ITI-65 answers 200' },
  { id: 'mhd.provide.type', reqIds: ['MHD-005'], title: 'ITI-65 answers a transaction-response Bundle' },
  { id: 'mhd.provide.entries', reqIds: ['MHD-005'], title: 'the response has one entry per request entry' },
  { id: 'mhd.provide.entry', reqIds: ['MHD-005'], title: 'each response entry is 201 with a location' },
  { id: 'mhd.provide.unknown-patient', reqIds: ['MHD-006'], title: 'ITI-65 for an unknown patient is refused' },
  { id: 'mhd.retrieve.bytes', reqIds: ['MHD-013'], title: 'ITI-68 returns the bytes provided' },
  { id: 'mhd.retrieve.type', reqIds: ['MHD-013'], title: 'ITI-68 returns application/dicom' },
  { id: 'mhd.retrieve.unknown', reqIds: ['MHD-013'], title: 'ITI-68 for an unknown document answers 404 (or 410)' },
  { id: 'mhd.find.status', reqIds: ['MHD-008'], title: 'ITI-67 answers 200' },
  { id: 'mhd.find.missing', reqIds: ['MHD-008'], title: 'ITI-67 returns the provided document' },
  { id: 'mhd.find.url', reqIds: ['MHD-012'], title: 'attachment.url is a full URL usable for ITI-68' },
  { id: 'mhd.find.post', reqIds: ['MHD-015'], title: 'ITI-67 by POST _search returns the provided document' },
  {
    id: 'mhd.find.missing-status',
    reqIds: ['MHD-011'],
    title: 'ITI-67 without the required status parameter answers 400 with an OperationOutcome',
  },
  { id: 'mhd.capability', reqIds: ['MHD-016'], title: 'the responder publishes a CapabilityStatement' },
];
