// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';
import { AUDIT_FINDINGS } from '../common/audit-findings.ts';

export const FINDINGS: readonly PlanFinding[] = [
  ...AUDIT_FINDINGS,
  { id: 'mhdc.query.patient', reqIds: ['META-023'], title: 'the ITI-67 search is for the seeded patient' },
  { id: 'mhdc.query.over-broad', reqIds: ['META-023'], title: 'the search narrows by the MCWG filters, not the patient alone' },
  { id: 'mhdc.query.target', reqIds: ['META-023'], title: "the search's answer holds the target manifest" },
  { id: 'mhdc.manifest.none', reqIds: ['WADO-012'], title: 'the consumer retrieves a manifest by ITI-68' },
  { id: 'mhdc.manifest.wrong-study', reqIds: ['WADO-012'], title: "the consumer retrieves the requested study's manifest" },
];
