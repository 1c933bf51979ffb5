// One-change broken variants of the hand-written audit messages (fixtures/audit/<base>.xml): the
// text `from` replaced by `to` must fail exactly `ruleId` at `path`. Data, so that
// validators/audit/rules/rules.test.ts runs them and the coverage table (npm run docs) lists them.

export interface AuditCase {
  name: string;
  /** Fixture name under fixtures/audit, also the transaction it is checked against. */
  base: string;
  from: string | RegExp;
  to: string;
  ruleId: string;
  path: string;
}

type Row = [name: string, base: string, from: string | RegExp, to: string, ruleId: string, path: string];
const ROWS: Row[] = [
  ['not XML', 'iti-41', '<AuditMessage>', '<AuditMessage', 'audit.parse', '/'],
  ['a DTD', 'iti-41', '<AuditMessage>', '<!DOCTYPE x [<!ENTITY a "b">]><AuditMessage>', 'audit.parse', '/'],
  [
    'EventOutcomeIndicator 3',
    'iti-41',
    'EventOutcomeIndicator="0"',
    'EventOutcomeIndicator="3"',
    'audit.event.identification',
    '/AuditMessage/EventIdentification/@EventOutcomeIndicator',
  ],
  [
    'a local EventDateTime',
    'iti-43',
    '2026-12-03T06:19:42.123Z',
    '2026-12-03T06:19:42',
    'audit.event.identification',
    '/AuditMessage/EventIdentification/@EventDateTime',
  ],
  [
    'Export with action C',
    'iti-41',
    'EventActionCode="R"',
    'EventActionCode="C"',
    'audit.event.action',
    '/AuditMessage/EventIdentification/@EventActionCode',
  ],
  [
    'ITI-41 audited as a DICOM transfer',
    'iti-41',
    /csd-code="110106" codeSystemName="DCM" originalText="Export"/,
    'csd-code="110104" codeSystemName="DCM" originalText="DICOM Instances Transferred"',
    'audit.event.transaction',
    '/AuditMessage/EventIdentification/EventID',
  ],
  [
    'the type code from another scheme',
    'rad-68',
    'csd-code="RAD-68" codeSystemName="IHE Transactions"',
    'csd-code="RAD-68" codeSystemName="IHE"',
    'audit.event.transaction',
    '/AuditMessage/EventIdentification/EventTypeCode',
  ],
  [
    'no UserID',
    'iti-65',
    'UserID="https://source.example.org/fhir" ',
    'UserID="" ',
    'audit.participant.identity',
    '/AuditMessage/ActiveParticipant[1]/@UserID',
  ],
  [
    'UserIsRequestor yes',
    'iti-67',
    'UserIsRequestor="false"',
    'UserIsRequestor="no"',
    'audit.participant.identity',
    '/AuditMessage/ActiveParticipant[2]/@UserIsRequestor',
  ],
  [
    'the consumer not the requestor in a retrieve',
    'iti-68',
    'UserIsRequestor="true"',
    'UserIsRequestor="false"',
    'audit.participant.roles',
    '/AuditMessage/ActiveParticipant[2]/@UserIsRequestor',
  ],
  ['no destination role', 'iti-18', 'csd-code="110152"', 'csd-code="110150"', 'audit.participant.roles', '/AuditMessage/ActiveParticipant'],
  [
    'no AuditSourceID',
    'iti-43',
    'AuditSourceID="xds-consumer"',
    'AuditSourceID=""',
    'audit.source.identification',
    '/AuditMessage/AuditSourceIdentification/@AuditSourceID',
  ],
  [
    'an object without ID',
    'rad-69',
    'ParticipantObjectID="1.2.3.4.5.6.7.8.2001"',
    'ParticipantObjectID=""',
    'audit.object.identification',
    '/AuditMessage/ParticipantObjectIdentification[1]/@ParticipantObjectID',
  ],
  [
    'no submission set',
    'iti-41',
    'ParticipantObjectTypeCodeRole="20"',
    'ParticipantObjectTypeCodeRole="21"',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification',
  ],
  [
    'no patient in a WADO-RS transfer',
    'rad-107',
    'csd-code="2" codeSystemName="RFC-3881"',
    'csd-code="2" codeSystemName="RFC3881"',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification',
  ],
  [
    'no study in a RAD-69 retrieve',
    'rad-69',
    'csd-code="110180"',
    'csd-code="110181"',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification',
  ],
  [
    'no document in an ITI-43 retrieve',
    'iti-43',
    'ParticipantObjectTypeCodeRole="3"',
    'ParticipantObjectTypeCodeRole="4"',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification',
  ],
  [
    'a query object without the query',
    'iti-67',
    /<ParticipantObjectQuery>[^<]*<\/ParticipantObjectQuery>/,
    '',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification[2]/ParticipantObjectQuery',
  ],
  [
    'ITI-42 typed as ITI-41',
    'iti-42',
    'csd-code="ITI-42" codeSystemName="IHE Transactions" originalText="Register Document Set-b"',
    'csd-code="ITI-41" codeSystemName="IHE Transactions" originalText="Provide and Register Document Set-b"',
    'audit.event.transaction',
    '/AuditMessage/EventIdentification/EventTypeCode',
  ],
  [
    'the registry as the requestor of ITI-42',
    'iti-42',
    'UserIsRequestor="false"',
    'UserIsRequestor="true"',
    'audit.participant.roles',
    '/AuditMessage/ActiveParticipant[2]/@UserIsRequestor',
  ],
  [
    'no submission set in an ITI-42 audit',
    'iti-42',
    'csd-code="urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"',
    'csd-code="urn:uuid:aa543740-bdda-424e-8c96-df4873be8500"',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification',
  ],
  [
    'an ITI-66 Query with action R',
    'iti-66',
    'EventActionCode="E"',
    'EventActionCode="R"',
    'audit.event.action',
    '/AuditMessage/EventIdentification/@EventActionCode',
  ],
  [
    'the ITI-66 query object typed as ITI-67',
    'iti-66',
    'ParticipantObjectTypeCodeRole="24">\n    <ParticipantObjectIDTypeCode csd-code="ITI-66"',
    'ParticipantObjectTypeCodeRole="24">\n    <ParticipantObjectIDTypeCode csd-code="ITI-67"',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification',
  ],
  [
    'a RAD-69 audit typed as ITI-43',
    'rad-69',
    'csd-code="RAD-69" codeSystemName="IHE Transactions" originalText="Retrieve Imaging Document Set"',
    'csd-code="ITI-43" codeSystemName="IHE Transactions" originalText="Retrieve Document Set"',
    'audit.event.transaction',
    '/AuditMessage/EventIdentification/EventTypeCode',
  ],
  [
    'the ITI-38 query object typed as ITI-18',
    'iti-38',
    'ParticipantObjectTypeCodeRole="24">\n    <ParticipantObjectIDTypeCode csd-code="ITI-38"',
    'ParticipantObjectTypeCodeRole="24">\n    <ParticipantObjectIDTypeCode csd-code="ITI-18"',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification',
  ],
  [
    'the initiating gateway not the requestor of ITI-39',
    'iti-39',
    'UserIsRequestor="true"',
    'UserIsRequestor="false"',
    'audit.participant.roles',
    '/AuditMessage/ActiveParticipant[2]/@UserIsRequestor',
  ],
  [
    'a RAD-75 audit without the study',
    'rad-75',
    'csd-code="110180" codeSystemName="DCM" originalText="Study Instance UID"',
    'csd-code="110181" codeSystemName="DCM" originalText="SOP Class UID"',
    'audit.object.required',
    '/AuditMessage/ParticipantObjectIdentification',
  ],
];

export const AUDIT_CASES: readonly AuditCase[] = ROWS.map(([name, base, from, to, ruleId, path]) => ({
  name,
  base,
  from,
  to,
  ruleId,
  path,
}));
