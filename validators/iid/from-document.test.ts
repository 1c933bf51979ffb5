// Links read from the report document itself: HTML text (entities decoded), CDA by its links,
// nothing from a PDF; the view checks them against the metadata's studies.
import { describe, expect, test } from 'vitest';
import { cdaWithIidLinks, iidUrl } from '../../fixtures/builders/iid-reports.ts';
import { HL7_IDS } from '../../fixtures/builders/hl7-ids.ts';
import { iidLinksInDocument, iidViewOfReportDocument } from './from-document.ts';
import { checkIidLinks } from './validate.ts';

const S = HL7_IDS.studyUid;
const html = (urls: string[]) =>
  Buffer.from(`<html><body>${urls.map((u) => `<a href="${u.replaceAll('&', '&amp;')}">images</a>`).join('')}</body></html>`);

describe('IID links in a report document', () => {
  test('HTML: the URL with its & decoded, located where the caller says', () => {
    expect(iidLinksInDocument(html([iidUrl(S)]), 'text/html', 'Binary')).toEqual([{ value: iidUrl(S), path: 'Binary' }]);
  });
  test('CDA: the linkHtml links', () => {
    expect(iidLinksInDocument(Buffer.from(cdaWithIidLinks()), 'text/xml', 'Binary').map((l) => l.value)).toEqual([iidUrl(S)]);
  });
  test('PDF: not searched', () => {
    expect(iidLinksInDocument(Buffer.from(`%PDF-1.7 ${iidUrl(S)}`), 'application/pdf', 'Binary')).toEqual([]);
  });
  test('against the metadata studies: a stray link is LINK-011, no link is IID-001', () => {
    const studies = [{ value: S, path: 'context.related' }];
    const rules = (urls: string[]) =>
      checkIidLinks(iidViewOfReportDocument(html(urls), 'text/html', 'Binary', studies), 'r').map((f) => f.reqIds.join(','));
    expect(rules([iidUrl(S)])).toEqual([]);
    expect(rules([iidUrl(S), iidUrl('1.2.3.999')])).toEqual(['LINK-011']);
    expect(rules([])).toEqual(['IID-001']);
  });
});
