import { describe, expect, test } from 'vitest';
import { acceptsDicomJson, EXPLICIT_VR_LE, negotiatePart10, parseAccept } from './accept.ts';
import { isValidUid } from './status.ts';

describe('Accept negotiation for Part 10 retrieve', () => {
  test.each([
    [undefined, true],
    ['*/*', true],
    ['multipart/related; type="application/dicom"', true],
    ['multipart/related; type=application/dicom; transfer-syntax=*', true],
    [`multipart/related; type="application/dicom"; transfer-syntax=${EXPLICIT_VR_LE}`, true],
    ['multipart/related; type="application/dicom"; transfer-syntax=1.2.3.4', false],
    ['multipart/related; type="application/dicom+xml"', false],
    ['application/dicom', false],
    ['text/html, multipart/related; type="application/dicom"; q=0', false],
    ['text/html, multipart/related; type="application/dicom"; q=0.5', true],
  ])('Accept %s -> acceptable %s', (accept, ok) => {
    expect(negotiatePart10(accept, EXPLICIT_VR_LE) !== undefined).toBe(ok);
  });

  test('an implicit-VR file needs that syntax or * asked for explicitly', () => {
    expect(negotiatePart10('multipart/related; type="application/dicom"', '1.2.840.10008.1.2')).toBeUndefined();
    expect(negotiatePart10('multipart/related; type="application/dicom"; transfer-syntax=*', '1.2.840.10008.1.2')).toEqual({
      transferSyntax: '1.2.840.10008.1.2',
    });
  });

  test('orders ranges by q and keeps quoted commas inside a parameter', () => {
    expect(parseAccept('a/b; q=0.2, c/d; x="1,2"').map((r) => [r.mediaType, r.params.x])).toEqual([
      ['c/d', '1,2'],
      ['a/b', undefined],
    ]);
  });

  test('DICOM JSON is acceptable for */* and application/dicom+json only', () => {
    expect(acceptsDicomJson('application/dicom+json')).toBe(true);
    expect(acceptsDicomJson(undefined)).toBe(true);
    expect(acceptsDicomJson('multipart/related; type="application/dicom"')).toBe(false);
  });

  test('validates UIDs', () => {
    expect(isValidUid('1.2.840.10008.1.2.1')).toBe(true);
    expect(isValidUid('abc')).toBe(false);
    expect(isValidUid('1.02.3')).toBe(false);
    expect(isValidUid(`1.${'2'.repeat(70)}`)).toBe(false);
  });
});
