// The finding IDs this plan's steps produce, declared with the plan: each with the requirements
// it cites and what it checks. suites/plans/findings.test.ts checks the IDs are unique across
// plans and rules, cite catalogue IDs, and that every ID the steps use is declared here.
import type { PlanFinding } from '../../engine/plan-module.ts';

export const FINDINGS: readonly PlanFinding[] = [
  { id: 'gw.consume.query', reqIds: ['GW-006'], title: 'the gateway queries the remote registry (ITI-18) for the remote study' },
  { id: 'gw.consume.images', reqIds: ['GW-007'], title: 'the gateway retrieves the remote images by WADO-RS (RAD-107)' },
  { id: 'gw.publish.accepted', reqIds: ['GW-001'], title: 'our registry accepts the manifest the gateway publishes' },
  { id: 'gw.publish.accession', reqIds: ['GW-001'], title: "the DocumentEntry's referenceIdList holds the report's accession" },
  { id: 'gw.publish.unique-id', reqIds: ['GW-001'], title: 'the published DocumentEntry has a uniqueId' },
  { id: 'gw.publish.kos', reqIds: ['GW-001'], title: 'the published manifest is a readable KOS' },
  { id: 'gw.publish.kos-accession', reqIds: ['GW-001'], title: "the manifest's Accession Number is the report's" },
  { id: 'gw.manifest.series', reqIds: ['GW-003'], title: 'every series of the PACS study is in the manifest' },
  { id: 'gw.manifest.instance', reqIds: ['GW-003'], title: 'every instance of the PACS study is in the manifest' },
  { id: 'gw.manifest.national-id', reqIds: ['GW-010'], title: 'the manifest carries the national patient ID' },
  { id: 'gw.manifest.local-id', reqIds: ['GW-010'], title: "the PACS's local patient ID is kept in Other Patient IDs" },
  { id: 'gw.report.study-ref', reqIds: ['LINK-002'], title: 'the forwarded report lists the study' },
  { id: 'gw.report.accession-ref', reqIds: ['LINK-003'], title: 'the forwarded report lists the accession' },
  { id: 'gw.report.ack', reqIds: ['RIS-001', 'RIS-003'], title: 'the gateway answers the report with an ACK' },
  { id: 'gw.report.ack-code', reqIds: ['RIS-003'], title: 'the ACK accepts a conformant final report (AA)' },
  { id: 'gw.report.ack-control-id', reqIds: ['RIS-003'], title: "the ACK's MSA-2 echoes our MSH-10" },
  { id: 'gw.publish.latency', reqIds: ['GW-002'], title: "the manifest arrives within the configured delay after the report's ACK" },
  { id: 'gw.viewer.link', reqIds: ['GW-009'], title: 'the report the gateway published carries an IHE IID viewer URL' },
  { id: 'gw.viewer.status', reqIds: ['GW-009'], title: "the report's viewer URL is answered 200 text/html" },
  { id: 'gw.viewer.study', reqIds: ['GW-009'], title: "the page the report's viewer URL opens shows the study" },
  {
    id: 'gw.republish.rplc',
    reqIds: ['GW-011', 'KOS-049'],
    title: 'the replacement manifest is RPLC-associated to the entry it replaces, now Deprecated',
  },
  { id: 'gw.republish.new-object', reqIds: ['GW-011', 'KOS-049'], title: 'the replacement manifest is a new document (new uniqueId)' },
  {
    id: 'gw.republish.content',
    reqIds: ['GW-011', 'KOS-049'],
    title: 'the replacement manifest is the same study and lists the added series',
  },
  { id: 'gw.correction.ack', reqIds: ['RIS-010'], title: 'the gateway acknowledges a corrected report (OBR-25 C) AA' },
  {
    id: 'gw.correction.rplc',
    reqIds: ['RIS-010'],
    title: 'the corrected report is RPLC-associated to the report it corrects, now Deprecated',
  },
];
