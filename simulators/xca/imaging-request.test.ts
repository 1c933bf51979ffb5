// The XCA-I request as an initiating gateway splits and forwards it: each DocumentRequest keeps
// its study, series and HomeCommunityId through a write and a read, grouped back by study and
// series, with the consumer's transfer syntaxes.
import { describe, expect, test } from 'vitest';
import { parseXml } from '../../protocols/xml/index.ts';
import { readImagingSet, writeImagingSet, type ImagingDocRequest } from './imaging-request.ts';

const A = 'urn:oid:1.3.6.1.4.1.21367.13.70.1';
const req = (study: string, series: string, sop: string, home?: string): ImagingDocRequest => ({
  studyInstanceUid: study,
  seriesInstanceUid: series,
  repositoryUniqueId: '1.2.3',
  documentUniqueId: sop,
  ...(home ? { homeCommunityId: home } : {}),
});

function roundTrip(xml: string) {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return readImagingSet(parsed.root);
}

describe('RAD-69 / RAD-75 request body', () => {
  test('keeps study, series and home of each request, and the transfer syntaxes', () => {
    const requests = [
      req('1.1', '1.1.1', '9.1', A),
      req('1.1', '1.1.2', '9.2', A),
      req('1.1', '1.1.1', '9.3'),
      req('2.1', '2.1.1', '9.4', A),
    ];
    const xml = writeImagingSet({ requests, transferSyntaxUids: ['1.2.840.10008.1.2.4.50'] });
    const back = roundTrip(xml);
    expect(back.transferSyntaxUids).toEqual(['1.2.840.10008.1.2.4.50']);
    // Grouped by study then series: 9.3 joins 9.1 in series 1.1.1.
    expect(back.requests.map((r) => [r.studyInstanceUid, r.seriesInstanceUid, r.documentUniqueId, r.homeCommunityId])).toEqual([
      ['1.1', '1.1.1', '9.1', A],
      ['1.1', '1.1.1', '9.3', undefined],
      ['1.1', '1.1.2', '9.2', A],
      ['2.1', '2.1.1', '9.4', A],
    ]);
    expect(xml.match(/<xdsi:StudyRequest /g)).toHaveLength(2);
  });

  test('without transfer syntaxes asks for Explicit VR Little Endian', () => {
    expect(roundTrip(writeImagingSet({ requests: [req('1', '1.1', '9')], transferSyntaxUids: [] })).transferSyntaxUids).toEqual([
      '1.2.840.10008.1.2.1',
    ]);
  });
});
