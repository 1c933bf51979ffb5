import type { Rule } from '../../rule.ts';
import type { AuditCtx, AuditView } from '../view.ts';
import { eventActionFitsEvent } from './event-action.ts';
import { eventIdentification } from './event-identification.ts';
import { eventMatchesTransaction } from './event-transaction.ts';
import { objectIdentification } from './object-identification.ts';
import { objectsRequired } from './object-required.ts';
import { auditParses } from './parse.ts';
import { participantIdentity } from './participant-identity.ts';
import { participantRoles } from './participant-roles.ts';
import { sourceIdentification } from './source-identification.ts';

/** PS3.15 A.5 structure (SEC-004), then the transaction's IHE audit table (SEC-003). */
export const AUDIT_RULES: Rule<AuditView, AuditCtx>[] = [
  auditParses,
  eventIdentification,
  eventActionFitsEvent,
  participantIdentity,
  sourceIdentification,
  objectIdentification,
  eventMatchesTransaction,
  participantRoles,
  objectsRequired,
];
