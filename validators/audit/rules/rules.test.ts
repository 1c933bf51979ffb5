// Every hand-written audit message (fixtures/audit, one per transaction) passes the audit
// profile clean; each one-change variant fails exactly the rule it targets, at its location.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateAudit } from '../validate.ts';
import { readAudit } from '../view.ts';

const DIR = join(import.meta.dirname, '../../../fixtures/audit');
const fixture = (name: string) => readFileSync(join(DIR, `${name}.xml`), 'utf8');
const TRANSACTIONS = readdirSync(DIR).filter((f) => f.endsWith('.xml')).map((f) => f.slice(0, -4));

describe('conformant audit messages', () => {
  test('there is one per audited transaction', () => {
    expect(TRANSACTIONS.sort()).toEqual(['iti-18', 'iti-41', 'iti-43', 'iti-65', 'iti-67', 'iti-68', 'rad-107', 'rad-68', 'rad-69']);
  });

  test.each(TRANSACTIONS)('%s passes clean, checked against its transaction', (name) => {
    expect(validateAudit(fixture(name), `${name}.xml`, { transaction: name.toUpperCase() })).toEqual([]);
  });

  test.each(TRANSACTIONS)('%s passes clean with the transaction inferred from the message', (name) => {
    expect(validateAudit(fixture(name), `${name}.xml`)).toEqual([]);
  });

  test('the reader decodes attributes, codes and the query', () => {
    const v = readAudit(fixture('iti-18'));
    expect(v.objects[0]).toMatchObject({ id: 'PAT-4711^^^&1.2.3.4.5.6&ISO', typeCode: '1', idTypeCode: { code: '2', codeSystemName: 'RFC-3881' } });
    expect(Buffer.from(v.objects[1]!.query!, 'base64').toString()).toContain('AdhocQueryRequest');
  });
});

type Variant = [what: string, base: string, from: string | RegExp, to: string, ruleId: string, path: string];
const VARIANTS: Variant[] = [
  ['not XML', 'iti-41', '<AuditMessage>', '<AuditMessage', 'audit.parse', '/'],
  ['a DTD', 'iti-41', '<AuditMessage>', '<!DOCTYPE x [<!ENTITY a "b">]><AuditMessage>', 'audit.parse', '/'],
  ['EventOutcomeIndicator 3', 'iti-41', 'EventOutcomeIndicator="0"', 'EventOutcomeIndicator="3"', 'audit.event.identification', '/AuditMessage/EventIdentification/@EventOutcomeIndicator'],
  ['a local EventDateTime', 'iti-43', '2026-12-03T06:19:42.123Z', '2026-12-03T06:19:42', 'audit.event.identification', '/AuditMessage/EventIdentification/@EventDateTime'],
  ['Export with action C', 'iti-41', 'EventActionCode="R"', 'EventActionCode="C"', 'audit.event.action', '/AuditMessage/EventIdentification/@EventActionCode'],
  ['ITI-41 audited as a DICOM transfer', 'iti-41', /csd-code="110106" codeSystemName="DCM" originalText="Export"/, 'csd-code="110104" codeSystemName="DCM" originalText="DICOM Instances Transferred"', 'audit.event.transaction', '/AuditMessage/EventIdentification/EventID'],
  ['the type code from another scheme', 'rad-68', 'csd-code="RAD-68" codeSystemName="IHE Transactions"', 'csd-code="RAD-68" codeSystemName="IHE"', 'audit.event.transaction', '/AuditMessage/EventIdentification/EventTypeCode'],
  ['no UserID', 'iti-65', 'UserID="https://source.example.org/fhir" ', 'UserID="" ', 'audit.participant.identity', "/AuditMessage/ActiveParticipant[1]/@UserID"],
  ['UserIsRequestor yes', 'iti-67', 'UserIsRequestor="false"', 'UserIsRequestor="no"', 'audit.participant.identity', "/AuditMessage/ActiveParticipant[2]/@UserIsRequestor"],
  ['the consumer not the requestor in a retrieve', 'iti-68', 'UserIsRequestor="true"', 'UserIsRequestor="false"', 'audit.participant.roles', '/AuditMessage/ActiveParticipant[2]/@UserIsRequestor'],
  ['no destination role', 'iti-18', 'csd-code="110152"', 'csd-code="110150"', 'audit.participant.roles', '/AuditMessage/ActiveParticipant'],
  ['no AuditSourceID', 'iti-43', 'AuditSourceID="xds-consumer"', 'AuditSourceID=""', 'audit.source.identification', '/AuditMessage/AuditSourceIdentification/@AuditSourceID'],
  ['an object without ID', 'rad-69', 'ParticipantObjectID="1.2.3.4.5.6.7.8.2001"', 'ParticipantObjectID=""', 'audit.object.identification', '/AuditMessage/ParticipantObjectIdentification[1]/@ParticipantObjectID'],
  ['no submission set', 'iti-41', 'ParticipantObjectTypeCodeRole="20"', 'ParticipantObjectTypeCodeRole="21"', 'audit.object.required', '/AuditMessage/ParticipantObjectIdentification'],
  ['no patient in a WADO-RS transfer', 'rad-107', 'csd-code="2" codeSystemName="RFC-3881"', 'csd-code="2" codeSystemName="RFC3881"', 'audit.object.required', '/AuditMessage/ParticipantObjectIdentification'],
  ['no study in a RAD-69 retrieve', 'rad-69', 'csd-code="110180"', 'csd-code="110181"', 'audit.object.required', '/AuditMessage/ParticipantObjectIdentification'],
  ['no document in an ITI-43 retrieve', 'iti-43', 'ParticipantObjectTypeCodeRole="3"', 'ParticipantObjectTypeCodeRole="4"', 'audit.object.required', '/AuditMessage/ParticipantObjectIdentification'],
  ['a query object without the query', 'iti-67', /<ParticipantObjectQuery>[^<]*<\/ParticipantObjectQuery>/, '', 'audit.object.required', '/AuditMessage/ParticipantObjectIdentification[2]/ParticipantObjectQuery'],
];

describe('one-change variants fail exactly one rule', () => {
  test.each(VARIANTS)('%s (%s) → %s', (_what, base, from, to, ruleId, path) => {
    const xml = fixture(base);
    const changed = xml.replace(from, to);
    expect(changed).not.toBe(xml);
    const findings = validateAudit(changed, 'x.xml', { transaction: base.toUpperCase() });
    expect(findings.map((f) => [f.ruleId, f.location.path])).toEqual([[ruleId, path]]);
  });

  test('a message checked against the wrong transaction fails the transaction rules', () => {
    const ids = validateAudit(fixture('iti-41'), 'x.xml', { transaction: 'ITI-18' }).map((f) => f.ruleId);
    expect(new Set(ids)).toEqual(new Set(['audit.event.transaction', 'audit.object.required']));
  });
});
