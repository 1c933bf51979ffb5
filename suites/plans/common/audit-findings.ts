// The finding IDs the shared audit steps (audit-steps.ts) produce; every plan that mounts the
// audit group lists them with its own. The audit validator's own rule IDs (audit.parse, …)
// come through as they are, re-cited to SEC-004.
import type { PlanFinding } from '../../engine/plan-module.ts';

export const AUDIT_FINDINGS: readonly PlanFinding[] = [
  {
    id: 'audit.trail.missing',
    reqIds: ['SEC-003'],
    title: "the SUT's audit message for a transaction reaches our Audit Record Repository within the time limit",
  },
  {
    id: 'audit.match.exchange',
    reqIds: ['SEC-004'],
    title: 'the audit message names the transaction, patient, submission set, documents and studies of its exchange',
  },
];
