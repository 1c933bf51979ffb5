// What a responder adds to the resources protocols/fhir maps from stored XDS records: logical
// ids, meta.profile, the absolute ITI-68 URL, relatesTo and member references, and Patient
// references by our logical Patient ids. The XDS <-> MHD mapping itself is protocols/fhir's.
import type { DocumentReference, DocumentReferenceRelatesTo, List, Patient, Reference } from 'fhir/r4.js';
import { MHD_SD, RELATES_TO_OF_ASSOC, cxToIdentifier, toDocumentReference, toList, type SystemTable } from '../../protocols/fhir/index.ts';
import type { AssociationRecord, DocumentEntryRecord, SubmissionSetRecord } from '../store/types.ts';
import { statusUrn } from '../xds/extract.ts';
import { patientIdOf, resourceIdOf } from './ids.ts';

export function patientReference(cx: string): Reference {
  const id = patientIdOf(cx);
  return { ...(id ? { reference: `Patient/${id}` } : {}), identifier: cxToIdentifier(cx) };
}

export function patientResource(cx: string): Patient {
  const id = patientIdOf(cx);
  return { resourceType: 'Patient', ...(id ? { id } : {}), identifier: [cxToIdentifier(cx)] };
}

/** A stored DocumentEntry as served by ITI-67: the mapped resource plus what only we know. */
export function documentReferenceOf(
  rec: DocumentEntryRecord,
  base: string,
  systems: SystemTable,
  assocs: readonly AssociationRecord[] = [],
): DocumentReference {
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
    .filter((a) => a.sourceUuid === rec.entryUuid && RELATES_TO_OF_ASSOC[a.type])
    .map(
      (a): DocumentReferenceRelatesTo => ({
        code: RELATES_TO_OF_ASSOC[a.type]!,
        target: { reference: `DocumentReference/${resourceIdOf(a.targetUuid)}` },
      }),
    );
  if (relatesTo.length) dr.relatesTo = relatesTo;
  return dr;
}

/** A stored SubmissionSet as served by ITI-66, its members as DocumentReference references. */
export function submissionSetList(rec: SubmissionSetRecord, members: readonly string[], systems: SystemTable): List {
  const list = toList({ ...rec.object, id: rec.entryUuid, status: statusUrn(rec.status) }, systems);
  list.id = resourceIdOf(rec.entryUuid);
  list.meta = { profile: [`${MHD_SD}/IHE.MHD.Minimal.SubmissionSet`] };
  list.subject = patientReference(rec.patientId);
  list.entry = members.map((m) => ({ item: { reference: `DocumentReference/${resourceIdOf(m)}` } }));
  return list;
}
