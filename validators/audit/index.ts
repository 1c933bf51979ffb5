// The audit family's public face: for the audit receiver (validate each message) and for the
// SEC-003/SEC-004 plan steps (find the audit that records an exchange).
export { validateAudit } from './validate.ts';
export { readAudit, type AuditView, type AuditCtx } from './view.ts';
export { matchAudit, DEFAULT_WINDOW_MS, type ExchangeFacts, type AuditMatch } from './match.ts';
export { AUDIT_SPECS, OBJECTS, type AuditSpec } from './transactions.ts';
export { AUDIT_RULES } from './rules/index.ts';
