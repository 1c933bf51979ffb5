// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';

export const FINDINGS: readonly PlanFinding[] = [
  { id: 'ris.plan.framing', reqIds: ['RIS-001'], title: 'the report arrives in a well-formed MLLP frame' },
];
