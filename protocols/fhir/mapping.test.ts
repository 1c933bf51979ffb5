import { describe, expect, test } from 'vitest';
import { conformantDocumentEntry } from '../../fixtures/builders/ebrim-submission.ts';
import { DE } from '../ebrim/constants.ts';
import { toDocumentEntry } from './to-document-entry.ts';
import { toDocumentReference } from './to-document-reference.ts';
import { dateTimeToDtm, dtmToDateTime } from './values.ts';

describe('XDS <-> MHD mapping', () => {
  test('maps a KOS DocumentEntry to a DocumentReference as MHD expects', () => {
    const dr = toDocumentReference(conformantDocumentEntry());
    expect(dr.masterIdentifier).toEqual({ system: 'urn:ietf:rfc:3986', value: 'urn:oid:1.2.826.0.1.3680043.10.1.7.99' });
    expect(dr.content[0]!.attachment.contentType).toBe('application/dicom');
    expect(dr.context?.related?.[1]?.identifier).toEqual({ type: { coding: [{ system: 'urn:ietf:rfc:3986', code: 'urn:ihe:iti:xds:2013:accession' }] }, system: 'urn:oid:1.2.3.4.5.6.1', value: 'ACC-0042' });
    expect(dr.context?.period?.start).toBe('2024-03-15T10:15:00Z');
    expect(dr.subject?.identifier).toEqual({ system: 'urn:oid:1.2.3.4.5.6.2', value: 'PAT-0001' });
  });

  test('maps back to the same XDS values, with FHIRPath locations', () => {
    const de = conformantDocumentEntry();
    const back = toDocumentEntry(toDocumentReference(de));
    const values = (e: typeof de) => Object.fromEntries(e.slots.map((s) => [s.name, s.values]));
    expect(values(back)).toEqual(values(de));
    const codes = (e: typeof de) => e.classifications.filter((c) => c.scheme !== DE.author).map((c) => `${c.scheme}|${c.nodeRepresentation}|${c.slots[0]?.values[0]}`).sort();
    expect(codes(back)).toEqual(codes(de));
    expect(back.externalIdentifiers.map((x) => x.value)).toEqual(de.externalIdentifiers.map((x) => x.value));
    expect(back.classifications.find((c) => c.scheme === DE.eventCodeList && c.nodeRepresentation === '67734004')!.path).toBe('DocumentReference.context.event[1].coding[0]');
    expect(back.mimeType).toBe('application/dicom');
  });

  test('converts DTM and dateTime both ways in UTC', () => {
    expect(dtmToDateTime('20240315')).toBe('2024-03-15');
    expect(dateTimeToDtm('2024-03-15T11:15:00+01:00')).toBe('20240315101500');
    expect(dtmToDateTime('2024-03')).toBeUndefined();
  });
});
