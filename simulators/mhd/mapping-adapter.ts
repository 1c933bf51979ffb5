// The parts of the XDS <-> MHD mapping that protocols/fhir does not have yet: SubmissionSet
// <-> List (MHD 4.2, ITI TF-3 4.5.1.2), and what a responder adds to a mapped
// DocumentReference (logical id, absolute ITI-68 URL, relatesTo, Patient reference).
// TO MERGE: the List half belongs in protocols/fhir beside toDocumentReference().
import type { Coding, DocumentReference, DocumentReferenceRelatesTo, Identifier, List, Patient, Reference, Resource } from 'fhir/r4.js';
import { ASSOC, SS, SUBMISSION_SET_NODE, type Classification, type SubmissionSet } from '../../protocols/ebrim/index.ts';
import { cxToIdentifier, dateTimeToDtm, dtmToDateTime, identifierToCx, toDocumentReference, type SystemTable } from '../../protocols/fhir/index.ts';
import type { AssociationRecord, DocumentEntryRecord, SubmissionSetRecord } from '../store/types.ts';
import { statusUrn } from '../xds/extract.ts';
import { patientIdOf, resourceIdOf } from './ids.ts';

export const MHD_SD = 'https://profiles.ihe.net/ITI/MHD/StructureDefinition';
export const LIST_TYPES = 'https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes';
const EXT = { sourceId: `${MHD_SD}/ihe-sourceId`, designationType: `${MHD_SD}/ihe-designationType` };
const RFC3986 = 'urn:ietf:rfc:3986';

/** Extensions are matched without regard to http/https (both circulate). */
const extOf = (r: List, name: keyof typeof EXT) => r.extension?.findIndex((e) => e.url.replace(/^http:/, 'https:') === EXT[name]) ?? -1;

const RELATES: Record<string, DocumentReferenceRelatesTo['code']> = {
  [ASSOC.rplc]: 'replaces', [ASSOC.xfrmRplc]: 'replaces', [ASSOC.xfrm]: 'transforms', [ASSOC.apnd]: 'appends', [ASSOC.signs]: 'signs',
};
export const ASSOC_OF_RELATES: Record<string, string> = { replaces: ASSOC.rplc, transforms: ASSOC.xfrm, appends: ASSOC.apnd, signs: ASSOC.signs };

export function patientReference(cx: string): Reference {
  const id = patientIdOf(cx);
  return { ...(id ? { reference: `Patient/${id}` } : {}), identifier: cxToIdentifier(cx) };
}

export function patientResource(cx: string): Patient {
  const id = patientIdOf(cx);
  return { resourceType: 'Patient', ...(id ? { id } : {}), identifier: [cxToIdentifier(cx)] };
}

/** A stored DocumentEntry as served by ITI-67: the mapped resource plus what only we know. */
export function documentReferenceOf(rec: DocumentEntryRecord, base: string, systems: SystemTable, assocs: readonly AssociationRecord[] = []): DocumentReference {
  const dr = toDocumentReference({ ...rec.object, status: statusUrn(rec.status) }, systems);
  const id = resourceIdOf(rec.entryUuid);
  dr.id = id;
  dr.meta = { profile: [`${MHD_SD}/IHE.MHD.Minimal.DocumentReference`] };
  dr.subject = patientReference(rec.patientId);
  const att = dr.content[0]!.attachment;
  att.url = `${base}/Binary/${id}`;
  // DocumentReference.date is an instant: only a creationTime down to the second fits.
  if (att.creation?.includes('T')) dr.date = att.creation;
  const relatesTo = assocs
    .filter((a) => a.sourceUuid === rec.entryUuid && RELATES[a.type])
    .map((a): DocumentReferenceRelatesTo => ({ code: RELATES[a.type]!, target: { reference: `DocumentReference/${resourceIdOf(a.targetUuid)}` } }));
  if (relatesTo.length) dr.relatesTo = relatesTo;
  return dr;
}

export function submissionSetList(rec: SubmissionSetRecord, members: readonly string[], systems: SystemTable): List {
  const ss = rec.object;
  const code = classification(ss, SS.contentTypeCode);
  const list: List = {
    resourceType: 'List',
    id: resourceIdOf(rec.entryUuid),
    meta: { profile: [`${MHD_SD}/IHE.MHD.Minimal.SubmissionSet`] },
    extension: [
      { url: EXT.sourceId, valueIdentifier: { value: /^[0-2](\.\d+)+$/.test(rec.sourceId) ? `urn:oid:${rec.sourceId}` : rec.sourceId } },
      ...(code ? [{ url: EXT.designationType, valueCodeableConcept: { coding: [codingOf(code, systems)] } }] : []),
    ],
    identifier: [
      { use: 'usual', system: RFC3986, value: /^[0-2](\.\d+)+$/.test(rec.uniqueId) ? `urn:oid:${rec.uniqueId}` : rec.uniqueId },
      { use: 'official', system: RFC3986, value: rec.entryUuid },
    ],
    status: rec.status === 'Approved' ? 'current' : 'retired',
    mode: 'working',
    code: { coding: [{ system: LIST_TYPES, code: 'submissionset' }] },
    subject: patientReference(rec.patientId),
    entry: members.map((m) => ({ item: { reference: `DocumentReference/${resourceIdOf(m)}` } })),
  };
  const date = rec.submissionTime ? dtmToDateTime(rec.submissionTime) : undefined;
  if (date) list.date = date;
  if (ss.name) list.title = ss.name.value;
  if (ss.description) list.note = [{ text: ss.description.value }];
  return list;
}

function classification(o: SubmissionSet, scheme: string): Classification | undefined {
  return o.classifications.find((c) => c.scheme === scheme);
}

function codingOf(c: Classification, systems: SystemTable): Coding {
  const scheme = c.slots.find((s) => s.name === 'codingScheme')?.values[0];
  return { ...(scheme ? { system: systems.toSystem(scheme) } : {}), code: c.nodeRepresentation ?? '', ...(c.name ? { display: c.name.value } : {}) };
}

/**
 * ITI-65 SubmissionSet List -> ebRIM SubmissionSet with FHIRPaths. `id` is symbolic unless
 * the List carries an official urn:uuid identifier (the registry assigns UUIDs).
 */
export function listToSubmissionSet(list: List, path: string, systems: SystemTable, resolve: (r: Reference | undefined) => Resource | undefined): SubmissionSet {
  const official = list.identifier?.find((i) => i.value?.startsWith('urn:uuid:'))?.value;
  const id = official ?? 'SubmissionSet';
  const ss: SubmissionSet = { kind: 'SubmissionSet', id, slots: [], classifications: [{ id: `${id}-node`, node: SUBMISSION_SET_NODE, classifiedObject: id, slots: [], path }], externalIdentifiers: [], path };
  const ext = (scheme: string, value: string | undefined, p: string) => {
    if (value) ss.externalIdentifiers.push({ id: `${id}-${ss.externalIdentifiers.length}`, scheme, registryObject: id, value, path: p });
  };
  const uidIndex = list.identifier?.findIndex((i) => !i.value?.startsWith('urn:uuid:')) ?? -1;
  const uid = uidIndex >= 0 ? list.identifier![uidIndex]! : undefined;
  ext(SS.uniqueId, uid?.value?.replace(/^urn:oid:/, ''), `${path}.identifier[${uidIndex}]`);
  const si = extOf(list, 'sourceId');
  ext(SS.sourceId, list.extension?.[si]?.valueIdentifier?.value?.replace(/^urn:oid:/, ''), `${path}.extension[${si}]`);
  const subjectId: Identifier | undefined = list.subject?.identifier ?? (resolve(list.subject) as Patient | undefined)?.identifier?.[0];
  if (subjectId) ext(SS.patientId, identifierToCx(subjectId), `${path}.subject`);
  if (list.date) ss.slots.push({ name: 'submissionTime', values: [dateTimeToDtm(list.date) ?? list.date], path: `${path}.date` });
  const di = extOf(list, 'designationType');
  const c = list.extension?.[di]?.valueCodeableConcept?.coding?.[0];
  if (c) {
    const p = `${path}.extension[${di}].valueCodeableConcept.coding[0]`;
    ss.classifications.push({
      id: `${id}-ctc`, scheme: SS.contentTypeCode, classifiedObject: id, nodeRepresentation: c.code ?? '',
      slots: c.system ? [{ name: 'codingScheme', values: [systems.toCodingScheme(c.system)], path: `${p}.system` }] : [],
      ...(c.display ? { name: { value: c.display, path: `${p}.display` } } : {}), path: p,
    });
  }
  if (list.title) ss.name = { value: list.title, path: `${path}.title` };
  if (list.note?.[0]?.text) ss.description = { value: list.note[0].text, path: `${path}.note[0]` };
  return ss;
}
