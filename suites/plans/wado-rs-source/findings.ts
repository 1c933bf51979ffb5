// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';

export const FINDINGS: readonly PlanFinding[] = [
  { id: 'wado.plan.study', reqIds: ['WADO-001', 'WADO-004'], title: 'the study retrieve answers 200 with a complete multipart body' },
];
