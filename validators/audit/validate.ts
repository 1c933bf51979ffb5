// validateAudit: the XML of one audit message (syslog MSG, BOM stripped) -> findings. Never throws.
import type { Finding } from '../../model/finding.ts';
import { runRules } from '../rule.ts';
import { AUDIT_RULES } from './rules/index.ts';
import { readAudit, type AuditCtx } from './view.ts';

export function validateAudit(xml: string | Uint8Array, artefact: string, ctx: AuditCtx = {}): Finding[] {
  return runRules(AUDIT_RULES, readAudit(xml), ctx, artefact);
}
