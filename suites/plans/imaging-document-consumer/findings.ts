// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';
import { AUDIT_FINDINGS } from '../common/audit-findings.ts';

export const FINDINGS: readonly PlanFinding[] = [
  ...AUDIT_FINDINGS,
  { id: 'idc.query.readable', reqIds: ['XDS-025'], title: 'the ITI-18 request is readable ebRIM in SOAP 1.2' },
  { id: 'idc.query.find-documents', reqIds: ['XDS-025'], title: 'the consumer queries with FindDocuments' },
  { id: 'idc.query.patient-id', reqIds: ['XDS-025'], title: 'the query names the patient' },
  { id: 'idc.query.over-broad', reqIds: ['META-023'], title: 'the query narrows by the MCWG filters, not the patient alone' },
  { id: 'idc.query.misses-target', reqIds: ['META-023'], title: 'the filters keep the requested study' },
  { id: 'idc.retrieve.readable', reqIds: ['XDS-025'], title: 'the ITI-43 request is readable ebRIM in SOAP 1.2' },
  { id: 'idc.retrieve.wrong-study', reqIds: ['XDS-025'], title: "the consumer retrieves the requested study's manifest" },
  {
    id: 'idc.retrieve.home',
    reqIds: ['XDS-025'],
    title: 'through an initiating gateway, the retrieve carries the HomeCommunityId the query returned',
  },
];
