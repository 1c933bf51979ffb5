// The audits our actors write validate clean against the same IHE tables the repository checks,
// match the exchange they record, and each one-change fault is caught.
import { describe, expect, test } from 'vitest';
import { matchAudit, readAudit, validateAudit } from '../../validators/audit/index.ts';
import { buildAudit, type AuditSide } from './builder.ts';
import type { AuditFacts } from './facts.ts';

const base = {
  at: new Date().toISOString(),
  from: 'http://10.0.0.5:4000',
  to: 'https://registry.example:8443/xds/repository',
  failed: false,
};
const PATIENT = 'PAT-1^^^&1.2.3.4&ISO';
const CASES: [AuditFacts, AuditSide][] = [
  [{ ...base, transaction: 'ITI-41', patientId: PATIENT, submissionSetId: '1.2.3.9' }, 'destination'],
  [{ ...base, transaction: 'RAD-68', patientId: PATIENT, submissionSetId: '1.2.3.9' }, 'source'],
  [{ ...base, transaction: 'ITI-18', patientId: PATIENT, query: '<AdhocQueryRequest/>', queryId: 'urn:uuid:14d4debf' }, 'destination'],
  [{ ...base, transaction: 'ITI-43', documentIds: ['1.2.3.10'] }, 'source'],
  [{ ...base, transaction: 'ITI-65', patientId: PATIENT, submissionSetId: '1.2.3.9' }, 'destination'],
  [{ ...base, transaction: 'ITI-67', patientId: PATIENT, query: 'patient.identifier=x', queryId: 'DocumentReference' }, 'destination'],
  [{ ...base, transaction: 'ITI-68', documentIds: ['https://mhd.example/fhir/Binary/doc-1'] }, 'source'],
  [{ ...base, transaction: 'RAD-107', patientId: PATIENT, studyUids: ['1.2.840.1'] }, 'source'],
  [{ ...base, transaction: 'ITI-42', patientId: PATIENT, submissionSetId: '1.2.3.9' }, 'destination'],
  [{ ...base, transaction: 'ITI-66', patientId: PATIENT, query: 'patient.identifier=x', queryId: 'List' }, 'source'],
  [{ ...base, transaction: 'RAD-69', studyUids: ['1.2.840.1', '1.2.840.2'] }, 'destination'],
];

describe('audit builder', () => {
  test.each(CASES)('$transaction from the %s side validates clean and matches its exchange', (facts, side) => {
    const xml = buildAudit(facts, { side, auditSourceId: 'mcwg-test' })!;
    expect(validateAudit(xml, 'built', { transaction: facts.transaction })).toEqual([]);
    expect(matchAudit(readAudit(xml), facts)).toEqual({ matches: true, mismatches: [] });
  });

  test('a wrong EventID is an audit.event.transaction finding; the audit still names its transaction', () => {
    const [facts, side] = CASES[0]!;
    const xml = buildAudit(facts, { side, auditSourceId: 'x', fault: 'wrong-event-id' })!;
    expect(validateAudit(xml, 'built').map((f) => f.ruleId)).toEqual(['audit.event.action', 'audit.event.transaction']);
    expect(matchAudit(readAudit(xml), facts).matches).toBe(true);
  });

  test('a wrong patient or study object no longer matches the exchange', () => {
    const [rad68] = CASES[1]!;
    expect(matchAudit(readAudit(buildAudit(rad68, { side: 'source', auditSourceId: 'x', fault: 'wrong-patient' })!), rad68)).toMatchObject({
      matches: false,
    });
    const [rad107] = CASES[7]!;
    expect(
      matchAudit(readAudit(buildAudit(rad107, { side: 'source', auditSourceId: 'x', fault: 'wrong-study' })!), rad107).mismatches,
    ).toEqual(['no study object for 1.2.840.1']);
  });

  test('a failed exchange is audited with outcome 4; an unaudited transaction gives nothing', () => {
    const [facts] = CASES[0]!;
    expect(buildAudit({ ...facts, failed: true }, { side: 'destination', auditSourceId: 'x' })).toContain('EventOutcomeIndicator="4"');
    expect(buildAudit({ ...facts, transaction: 'ITI-9' }, { side: 'destination', auditSourceId: 'x' })).toBeUndefined();
  });
});
