import { describe, expect, test } from 'vitest';
import { conformantDocumentEntry, conformantSubmissionSet } from '../../fixtures/builders/ebrim-submission.ts';
import { DE, SS } from '../ebrim/constants.ts';
import { toDocumentEntry } from './to-document-entry.ts';
import { toDocumentReference } from './to-document-reference.ts';
import { toList } from './to-list.ts';
import { toSubmissionSet } from './to-submission-set.ts';
import { MHD_EXT, listPathFor } from './xds-mhd-map.ts';
import { dateTimeToDtm, dtmToDateTime } from './values.ts';

describe('XDS <-> MHD mapping', () => {
  test('maps a KOS DocumentEntry to a DocumentReference as MHD expects', () => {
    const dr = toDocumentReference(conformantDocumentEntry());
    expect(dr.masterIdentifier).toEqual({ system: 'urn:ietf:rfc:3986', value: 'urn:oid:1.2.826.0.1.3680043.10.1.7.99' });
    expect(dr.content[0]!.attachment.contentType).toBe('application/dicom');
    expect(dr.context?.related?.[1]?.identifier).toEqual({
      type: { coding: [{ system: 'urn:ietf:rfc:3986', code: 'urn:ihe:iti:xds:2013:accession' }] },
      system: 'urn:oid:1.2.3.4.5.6.1',
      value: 'ACC-0042',
    });
    expect(dr.context?.period?.start).toBe('2024-03-15T10:15:00Z');
    expect(dr.subject?.identifier).toEqual({ system: 'urn:oid:1.2.3.4.5.6.2', value: 'PAT-0001' });
  });

  test('maps back to the same XDS values, with FHIRPath locations', () => {
    const de = conformantDocumentEntry();
    const back = toDocumentEntry(toDocumentReference(de));
    const values = (e: typeof de) => Object.fromEntries(e.slots.map((s) => [s.name, s.values]));
    expect(values(back)).toEqual(values(de));
    const codes = (e: typeof de) =>
      e.classifications
        .filter((c) => c.scheme !== DE.author)
        .map((c) => `${c.scheme}|${c.nodeRepresentation}|${c.slots[0]?.values[0]}`)
        .sort();
    expect(codes(back)).toEqual(codes(de));
    expect(back.externalIdentifiers.map((x) => x.value)).toEqual(de.externalIdentifiers.map((x) => x.value));
    expect(back.classifications.find((c) => c.scheme === DE.eventCodeList && c.nodeRepresentation === '67734004')!.path).toBe(
      'DocumentReference.context.event[1].coding[0]',
    );
    expect(back.mimeType).toBe('application/dicom');
  });

  test('converts DTM and dateTime both ways in UTC', () => {
    expect(dtmToDateTime('20240315')).toBe('2024-03-15');
    expect(dateTimeToDtm('2024-03-15T11:15:00+01:00')).toBe('20240315101500');
    expect(dtmToDateTime('2024-03')).toBeUndefined();
  });

  test('maps a SubmissionSet to the MHD List and back through the same table', () => {
    const ss = { ...conformantSubmissionSet('urn:uuid:0b1a7c2e-0000-4000-8000-0000000000aa') };
    const list = toList(ss);
    expect(list.identifier).toEqual([
      { use: 'usual', system: 'urn:ietf:rfc:3986', value: 'urn:oid:1.2.826.0.1.3680043.10.1.8' },
      { use: 'official', system: 'urn:ietf:rfc:3986', value: 'urn:uuid:0b1a7c2e-0000-4000-8000-0000000000aa' },
    ]);
    expect(list.extension?.[0]).toEqual({ url: MHD_EXT.sourceId, valueIdentifier: { value: 'urn:oid:1.2.826.0.1.3680043.10.1' } });
    expect(list.extension?.[1]?.valueCodeableConcept?.coding?.[0]).toEqual({
      system: 'urn:oid:2.16.840.1.113883.6.1',
      code: '18748-4',
      display: 'Diagnostic imaging study',
    });
    expect(list.date).toBe('2024-03-15T10:31:00Z');
    expect(list.status).toBe('current');
    expect(list.subject?.identifier).toEqual({ system: 'urn:oid:1.2.3.4.5.6.2', value: 'PAT-0001' });

    const back = toSubmissionSet(list);
    expect(back.id).toBe(ss.id);
    const ids = (o: typeof ss) => o.externalIdentifiers.map((x) => `${x.scheme}=${x.value}`).sort();
    expect(ids(back)).toEqual(ids(ss));
    expect(back.slots.find((s) => s.name === 'submissionTime')?.values).toEqual(['20240315103100']);
    const ctc = back.classifications.find((c) => c.scheme === SS.contentTypeCode)!;
    expect([ctc.nodeRepresentation, ctc.slots[0]?.values[0], ctc.path]).toEqual([
      '18748-4',
      '2.16.840.1.113883.6.1',
      'List.extension[1].valueCodeableConcept.coding[0]',
    ]);
    expect(back.externalIdentifiers.find((x) => x.scheme === SS.sourceId)?.path).toBe('List.extension[0]');
    expect(listPathFor('List', 'sourceId')).toBe(`List.extension('${MHD_EXT.sourceId}').valueIdentifier`);
  });
});
