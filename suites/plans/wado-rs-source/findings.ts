// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';
import { AUDIT_FINDINGS } from '../common/audit-findings.ts';

export const FINDINGS: readonly PlanFinding[] = [
  ...AUDIT_FINDINGS,
  { id: 'wado.plan.study', reqIds: ['WADO-001', 'WADO-004'], title: 'the study retrieve answers 200 with a complete multipart body' },
  {
    id: 'wado.busy.status',
    reqIds: ['WADO-010'],
    title: 'under concurrent load each retrieve is served or answered 503, never another error, timeout or drop',
  },
  { id: 'wado.busy.retry-after', reqIds: ['WADO-010'], title: 'a 503 carries Retry-After' },
  { id: 'wado.streaming', reqIds: ['WADO-016'], title: 'the first body byte of a study retrieve comes well before the last' },
  { id: 'wado.auth.unauthenticated', reqIds: ['SEC-005'], title: 'a request without a valid bearer token is answered 401' },
  { id: 'wado.auth.challenge', reqIds: ['SEC-005'], title: 'the 401 carries a Bearer WWW-Authenticate challenge' },
  { id: 'wado.auth.other-patient', reqIds: ['SEC-006'], title: 'a valid token for another patient does not retrieve this study (403/404)' },
  {
    id: 'wado.auth.manifest-rights',
    reqIds: ['SEC-007'],
    title: "the token granting the manifest's study retrieves each series it references",
  },
  { id: 'wado.auth.qido-scope', reqIds: ['SEC-009'], title: 'a patient-level QIDO search returns no study but the granted one' },
  { id: 'wado.part10.retrieve', reqIds: ['WADO-011'], title: "the study's Part 10 retrieve is served" },
];
