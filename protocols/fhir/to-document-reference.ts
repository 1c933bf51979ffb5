// XDS DocumentEntry -> MHD DocumentReference, driven by XDS_MHD_MAP.
import type { CodeableConcept, Coding, DocumentReference, Identifier, Organization, Patient, Resource } from 'fhir/r4.js';
import { parseCx } from '../ebrim/cx.ts';
import { classificationsOf, codingSchemeOf, externalIdOf, slotValues } from '../ebrim/accessors.ts';
import { STATUS } from '../ebrim/constants.ts';
import type { Classification, DocumentEntry } from '../ebrim/model.ts';
import { OID_SYSTEMS, dtmToDateTime, hexToBase64, type SystemTable } from './values.ts';
import { XDS_MHD_MAP } from './xds-mhd-map.ts';
import { cxiToIdentifier, cxToIdentifier } from './identifiers.ts';

export function toDocumentReference(de: DocumentEntry, systems: SystemTable = OID_SYSTEMS): DocumentReference {
  const contained: Resource[] = [];
  const coding = (c: Classification): Coding => {
    const scheme = codingSchemeOf(c);
    return {
      ...(scheme ? { system: systems.toSystem(scheme) } : {}),
      code: c.nodeRepresentation ?? '',
      ...(c.name ? { display: c.name.value } : {}),
    };
  };
  const cc = (c: Classification): CodeableConcept => ({ coding: [coding(c)] });
  const dr: DocumentReference = {
    resourceType: 'DocumentReference',
    status: de.status === STATUS.deprecated ? 'superseded' : 'current',
    content: [{ attachment: {} }],
  };
  const content = dr.content[0]!;
  const context: NonNullable<DocumentReference['context']> = {};
  for (const row of XDS_MHD_MAP) {
    if (row.xds.kind !== 'classification' || row.attr === 'author') continue;
    const cs = classificationsOf(de, row.xds.scheme);
    if (cs.length === 0) continue;
    switch (row.attr) {
      case 'classCode':
        dr.category = cs.map(cc);
        break;
      case 'typeCode':
        dr.type = cc(cs[0]!);
        break;
      case 'confidentialityCode':
        dr.securityLabel = cs.map(cc);
        break;
      case 'eventCodeList':
        context.event = cs.map(cc);
        break;
      case 'formatCode':
        content.format = coding(cs[0]!);
        break;
      case 'healthcareFacilityTypeCode':
        context.facilityType = cc(cs[0]!);
        break;
      case 'practiceSettingCode':
        context.practiceSetting = cc(cs[0]!);
        break;
    }
  }
  const one = (name: string) => slotValues(de, name)[0];
  const creation = one('creationTime');
  if (creation) content.attachment.creation = dtmToDateTime(creation) ?? creation;
  const lang = one('languageCode');
  if (lang) content.attachment.language = lang;
  const start = one('serviceStartTime');
  const stop = one('serviceStopTime');
  if (start || stop)
    context.period = { ...(start ? { start: dtmToDateTime(start) ?? start } : {}), ...(stop ? { end: dtmToDateTime(stop) ?? stop } : {}) };
  const hash = one('hash');
  if (hash) content.attachment.hash = hexToBase64(hash);
  const size = one('size');
  if (size && /^\d+$/.test(size)) content.attachment.size = Number(size);
  if (de.mimeType) content.attachment.contentType = de.mimeType;
  if (de.name) content.attachment.title = de.name.value;
  if (de.description) dr.description = de.description.value;
  const related = slotValues(de, 'urn:ihe:iti:xds:2013:referenceIdList').map((v) => ({ identifier: cxiToIdentifier(v) }));
  if (related.length) context.related = related;
  const spid = one('sourcePatientId');
  if (spid) {
    const p: Patient = { resourceType: 'Patient', id: 'sourcePatient', identifier: [cxToIdentifier(spid)] };
    contained.push(p);
    context.sourcePatientInfo = { reference: '#sourcePatient' };
  }
  const pid = externalIdOf(de, 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427');
  if (pid) dr.subject = { identifier: cxToIdentifier(pid.value) };
  const uid = externalIdOf(de, 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab');
  if (uid)
    dr.masterIdentifier = { system: 'urn:ietf:rfc:3986', value: /^[0-2](\.\d+)+$/.test(uid.value) ? `urn:oid:${uid.value}` : uid.value };
  if (de.id.startsWith('urn:uuid:')) dr.identifier = [{ use: 'official', system: 'urn:ietf:rfc:3986', value: de.id } satisfies Identifier];
  const authors = classificationsOf(de, 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d');
  authors.forEach((a, i) => {
    for (const xon of slotValues(a, 'authorInstitution')) {
      const parts = xon.split('^');
      const oid = parts[9] ?? parseCx(xon).authorityOid;
      const org: Organization = {
        resourceType: 'Organization',
        id: `author${i + 1}`,
        name: parts[0] ?? '',
        ...(oid ? { identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:oid:${oid}` }] } : {}),
      };
      contained.push(org);
      (dr.author ??= []).push({ reference: `#${org.id}` });
    }
  });
  if (Object.keys(context).length) dr.context = context;
  if (contained.length) dr.contained = contained;
  return dr;
}
