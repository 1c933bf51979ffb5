// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';
import { AUDIT_FINDINGS } from '../common/audit-findings.ts';

export const FINDINGS: readonly PlanFinding[] = [
  ...AUDIT_FINDINGS,
  { id: 'drr.registry-error.fields', reqIds: ['XDS-004'], title: 'each RegistryError has a codeContext and a severity' },
  { id: 'drr.find.response', reqIds: ['XDS-014'], title: 'FindDocuments answers with an AdhocQueryResponse' },
  { id: 'drr.find.status', reqIds: ['XDS-014'], title: 'FindDocuments answers Success' },
  { id: 'drr.find.missing', reqIds: ['XDS-015'], title: 'FindDocuments returns the registered DocumentEntry' },
  { id: 'drr.find.hash', reqIds: ['XDS-010', 'META-046'], title: "the returned entry's hash is the SHA-1 of the stored bytes" },
  { id: 'drr.find.size', reqIds: ['XDS-010', 'META-046'], title: "the returned entry's size is the stored byte count" },
  { id: 'drr.find.repository', reqIds: ['XDS-010'], title: 'the returned entry names its repositoryUniqueId' },
  { id: 'drr.find.reference-ids', reqIds: ['XDS-021'], title: 'the registry keeps every referenceIdList value' },
  {
    id: 'drr.query.missing-param',
    reqIds: ['XDS-016'],
    title: 'a query without a required parameter fails with XDSStoredQueryMissingParam',
  },
  { id: 'drr.hash-mismatch.atomic', reqIds: ['XDS-009'], title: 'a refused submission registers nothing' },
  { id: 'drr.provide.success', reqIds: ['XDS-003'], title: 'a conformant submission is accepted' },
  { id: 'drr.replace.accepted', reqIds: ['XDS-024'], title: 'a replacement (RPLC) is accepted' },
  { id: 'drr.replace.deprecated', reqIds: ['XDS-024'], title: 'the replaced entry becomes Deprecated' },
  { id: 'drr.retrieve.document', reqIds: ['XDS-022'], title: 'ITI-43 returns the registered document' },
  { id: 'drr.retrieve.bytes', reqIds: ['XDS-022'], title: 'ITI-43 returns the bytes registered' },
  { id: 'drr.retrieve.unknown', reqIds: ['XDS-023'], title: 'ITI-43 for an unknown document fails with XDSDocumentUniqueIdError' },
  { id: 'drr.unknown-patient', reqIds: ['XDS-005'], title: 'the registry refuses an unknown patient with XDSUnknownPatientId' },
  {
    id: 'drr.patient-mismatch',
    reqIds: ['XDS-006'],
    title: "the registry refuses an entry whose patientId differs from its SubmissionSet's with XDSPatientIdDoesNotMatch",
  },
  {
    id: 'drr.document-without-metadata',
    reqIds: ['XDS-002'],
    title: 'the repository refuses a document part no DocumentEntry describes with XDSMissingDocumentMetadata',
  },
  {
    id: 'drr.value-set-enforced',
    reqIds: ['META-006'],
    title: 'the registry refuses an eventCodeList modality outside VS-MODALITY with XDSRegistryMetadataError',
  },
  { id: 'drr.metadata-error', reqIds: ['XDS-007'], title: 'the registry refuses bad metadata with a metadata error code' },
  { id: 'drr.duplicate-unique-id', reqIds: ['XDS-008'], title: 'the registry refuses a reused uniqueId with different content' },
  { id: 'drr.hash-mismatch', reqIds: ['XDS-010'], title: 'the repository refuses a document whose hash does not match its bytes' },
  {
    id: 'drr.register.iti42',
    reqIds: ['XDS-011'],
    title: 'ITI-42 registers conformant metadata and answers metadata without repositoryUniqueId with XDSRegistryMetadataError',
  },
  {
    id: 'drr.query.exclusive-params',
    reqIds: ['XDS-017'],
    title: 'mutually exclusive query parameters fail with XDSStoredQueryParamNumber',
  },
  { id: 'drr.query.event-codes', reqIds: ['XDS-018'], title: 'event code values OR within a list, AND across repeated lists' },
  { id: 'drr.query.date-range', reqIds: ['XDS-019'], title: 'service time From is inclusive, To exclusive' },
  {
    id: 'drr.query.reference-id',
    reqIds: ['XDS-020'],
    title: 'FindDocumentsByReferenceId matches the whole CXi, type and issuer included',
  },
  { id: 'drr.query.linked-set', reqIds: ['LINK-007'], title: 'FindDocumentsByReferenceId returns every linked document and no other' },
  {
    id: 'drr.soap.malformed',
    reqIds: ['XDS-031'],
    title: 'malformed SOAP gets a SOAP Fault (env:Sender) or an XDS error, and the service goes on',
  },
  { id: 'drr.xml.refused', reqIds: ['SEC-008'], title: 'XML with a DTD is refused promptly and the service goes on' },
  { id: 'drr.xml.expanded', reqIds: ['SEC-008'], title: 'no entity is expanded into the answer' },
  { id: 'drr.xml.canary', reqIds: ['SEC-008'], title: 'an external entity is never fetched (our canary URL)' },
];
