// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';
import { AUDIT_FINDINGS } from '../common/audit-findings.ts';

export const FINDINGS: readonly PlanFinding[] = [
  ...AUDIT_FINDINGS,
  { id: 'ids.rad68.mtom', reqIds: ['XDS-001'], title: 'RAD-68 is sent as MTOM/XOP' },
  { id: 'ids.rad68.soap', reqIds: ['XDS-001'], title: 'RAD-68 is a readable SOAP 1.2 ProvideAndRegister request' },
  { id: 'ids.rad68.accepted', reqIds: ['XDS-012'], title: 'our registry accepts the submission' },
  { id: 'ids.rad68.entry', reqIds: ['XDS-013'], title: 'the submission holds a DocumentEntry' },
  { id: 'ids.manifest.unique-id', reqIds: ['XDS-013'], title: "the DocumentEntry's uniqueId is the manifest's SOP Instance UID" },
  { id: 'ids.manifest.mime-type', reqIds: ['KOS-002'], title: 'the manifest entry is application/dicom' },
  { id: 'ids.retrieve-url.answers', reqIds: ['KOS-022'], title: 'each Retrieve URL in the manifest answers a WADO-RS retrieve' },
  { id: 'ids.kin.retrievable', reqIds: ['KIN-003'], title: 'the key-image note the manifest lists can be retrieved' },
];
