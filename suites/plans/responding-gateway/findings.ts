// The finding IDs this plan's steps produce (checked unique and catalogue-backed by
// suites/plans/findings.test.ts).
import type { PlanFinding } from '../../engine/plan-module.ts';
import { AUDIT_FINDINGS } from '../common/audit-findings.ts';

export const FINDINGS: readonly PlanFinding[] = [
  ...AUDIT_FINDINGS,
  { id: 'rg.query.response', reqIds: ['XDS-027'], title: 'ITI-38 answers with an AdhocQueryResponse' },
  { id: 'rg.query.status', reqIds: ['XDS-027'], title: 'ITI-38 FindDocuments for a known patient answers Success' },
  { id: 'rg.query.empty', reqIds: ['XDS-027'], title: "ITI-38 FindDocuments returns the patient's DocumentEntries" },
  { id: 'rg.query.home', reqIds: ['XDS-027'], title: "every returned object carries home=urn:oid:… of the SUT's community" },
  { id: 'rg.query.unknown-community', reqIds: ['XDS-027'], title: 'a query addressed to another community fails with XDSUnknownCommunity' },
  { id: 'rg.query.missing-home', reqIds: ['XDS-027'], title: 'a GetDocuments query without home fails with XDSMissingHomeCommunityId' },
  { id: 'rg.retrieve.document', reqIds: ['XDS-028'], title: 'ITI-39 returns the document found by ITI-38' },
  { id: 'rg.retrieve.home', reqIds: ['XDS-028'], title: "ITI-39 names the SUT's community in each DocumentResponse/HomeCommunityId" },
  { id: 'rg.retrieve.hash', reqIds: ['XDS-028'], title: "the retrieved bytes match the entry's hash and size" },
  { id: 'rg.rad75.response', reqIds: ['XDS-029'], title: 'RAD-75 answers with a Success RetrieveDocumentSetResponse' },
  { id: 'rg.rad75.document', reqIds: ['XDS-029'], title: 'RAD-75 returns the asked instance as a DICOM Part 10 file' },
  { id: 'rg.rad75.home', reqIds: ['XDS-029'], title: "RAD-75 names the SUT's community in DocumentResponse/HomeCommunityId" },
];
