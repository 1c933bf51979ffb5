// IID link rules: each conformant report form passes clean; one change is flagged at the
// exact location, with the rule and requirement it breaks.
import { describe, expect, test } from 'vitest';
import { conformantDocumentEntry, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { SLOT } from '../../protocols/ebrim/index.ts';
import { centralViewerUrl } from './central-url.ts';
import { HL7_IDS } from '../../fixtures/builders/hl7-ids.ts';
import {
  cdaWithIidLinks,
  documentReferenceWithIidLink,
  IID_BASE,
  iidUrl,
  oruWithIidLinks,
  SECOND_STUDY,
} from '../../fixtures/builders/iid-reports.ts';
import { IID_CASES } from '../../fixtures/iid/broken-cases.ts';
import { allRuleSets } from '../registry.ts';
import { parseIidUrl } from './iid-url.ts';
import { validateIidLinksCda, validateIidLinksDocumentReference, validateIidLinksHl7 } from './validate.ts';

const S1 = HL7_IDS.studyUid;
const brief = (fs: { ruleId: string; reqIds: string[]; severity: string; location: { path: string } }[]) =>
  fs.map((f) => [f.ruleId, f.reqIds.join(','), f.severity, f.location.path]);

describe('conformant reports pass clean', () => {
  test.each([false, true])('HL7 ORU^R01 with OBX RP links (two studies: %s)', (twoStudies) => {
    expect(validateIidLinksHl7(oruWithIidLinks({ twoStudies }), 'r.hl7')).toEqual([]);
  });
  test.each([false, true])('MHD DocumentReference with attachment links (two studies: %s)', (twoStudies) => {
    expect(validateIidLinksDocumentReference(documentReferenceWithIidLink({ twoStudies }), 'dr.json')).toEqual([]);
  });
  test.each([false, true])('CDA with linkHtml (two studies: %s)', (twoStudies) => {
    expect(validateIidLinksCda(cdaWithIidLinks({ twoStudies }), 'r.xml')).toEqual([]);
  });
  test('one request listing both studies satisfies IID-005', () => {
    expect(validateIidLinksHl7(oruWithIidLinks({ twoStudies: true, links: [iidUrl(`${S1},${SECOND_STUDY}`)] }), 'r.hl7')).toEqual([]);
  });
  test('an HL7 report is checked against the referenceIdList of its metadata entry when given', () => {
    const reportEntry = conformantDocumentEntry(); // references the XDS fixture study, not the HL7 one
    expect(brief(validateIidLinksHl7(oruWithIidLinks(), 'r.hl7', { reportEntry }))).toEqual([
      ['iid.link.study-referenced', 'LINK-011', 'error', 'OBX[2]-5.1'],
    ]);
  });
});

describe('the broken-case table: each change gives exactly one finding, of its rule at its path', () => {
  test.each(IID_CASES)('$name → $ruleId', ({ ruleId, path, make }) => {
    expect(validateIidLinksHl7(make(), 'r.hl7').map((f) => [f.ruleId, f.location.path])).toEqual([[ruleId, path]]);
  });
});

describe('HL7 one-change variants', () => {
  const one = (url: string) => validateIidLinksHl7(oruWithIidLinks({ links: [url] }), 'r.hl7');
  test.each([
    [
      'a path without IHEInvokeImageDisplay',
      `${IID_BASE}/ihe-invoke?requestType=STUDY&studyUID=${S1}`,
      /path must end with \/IHEInvokeImageDisplay/,
    ],
    ['no requestType', `${IID_BASE}/IHEInvokeImageDisplay?studyUID=${S1}`, /requestType is missing/],
    ['requestType SERIES', `${IID_BASE}/IHEInvokeImageDisplay?requestType=SERIES&studyUID=${S1}`, /must be STUDY or PATIENT/],
    ['diagnosticQuality=yes', `${iidUrl(S1)}&diagnosticQuality=yes`, /diagnosticQuality must be true or false/],
  ])('flags %s at OBX[2]-5.1 (IID-002)', (_t, url, message) => {
    const f = one(url);
    expect(brief(f)).toEqual([['iid.url.shape', 'IID-002', 'error', 'OBX[2]-5.1']]);
    expect(f[0]!.message).toMatch(message);
  });
  test('flags a studyUid parameter spelled in the wrong case: wrong name, and the study is unreachable', () => {
    const f = one(`${IID_BASE}/IHEInvokeImageDisplay?requestType=STUDY&studyUid=${S1}`);
    expect(brief(f)).toEqual([
      ['iid.url.shape', 'IID-002', 'error', 'OBX[2]-5.1'],
      ['iid.url.shape', 'IID-002', 'error', 'OBX[2]-5.1'],
      ['iid.link.each-study', 'IID-005', 'error', 'ZDS[1]-1.1'],
    ]);
    expect(f.map((x) => x.message).join('\n')).toMatch(/'studyUid' must be spelled 'studyUID'[\s\S]*neither is present/);
  });
  test('flags a report without any viewer link (IID-001) at OBX', () => {
    expect(brief(validateIidLinksHl7(oruWithIidLinks({ links: [] }), 'r.hl7'))).toEqual([['iid.link.present', 'IID-001', 'error', 'OBX']]);
  });
  test('flags the second study when only the first has a link (IID-005) at its ZDS', () => {
    expect(brief(validateIidLinksHl7(oruWithIidLinks({ twoStudies: true, links: [iidUrl(S1)] }), 'r.hl7'))).toEqual([
      ['iid.link.each-study', 'IID-005', 'error', 'ZDS[2]-1.1'],
    ]);
  });
  test('a link by accessionNumber leaves an unmatched study as a warning only', () => {
    const f = validateIidLinksHl7(
      oruWithIidLinks({ links: [`${IID_BASE}/IHEInvokeImageDisplay?requestType=STUDY&accessionNumber=${HL7_IDS.accession}`] }),
      'r.hl7',
    );
    expect(brief(f)).toEqual([['iid.link.each-study', 'IID-005', 'warning', 'ZDS[1]-1.1']]);
  });
  test('flags a link naming a study the report does not reference (LINK-011)', () => {
    const f = validateIidLinksHl7(oruWithIidLinks({ links: [iidUrl(S1), iidUrl('1.2.3.999')] }), 'r.hl7');
    expect(brief(f)).toEqual([['iid.link.study-referenced', 'LINK-011', 'error', 'OBX[3]-5.1']]);
  });
  test('an unparseable message is one finding', () => {
    expect(brief(validateIidLinksHl7('not hl7', 'r.hl7')).map((x) => x[0])).toEqual(['iid.report.readable']);
  });
  test('finds a link written in a TX value, with & escaped as \\T\\', () => {
    const er7 =
      oruWithIidLinks({ links: [] }) + `OBX|2|TX|VIEWER^Link^L||See ${iidUrl(S1).replace(/&/g, '\\T\\').replace(/\^/g, '\\S\\')}||||||F\r`;
    expect(validateIidLinksHl7(er7, 'r.hl7')).toEqual([]);
    expect(brief(validateIidLinksHl7(er7.replace('requestType', 'reqType'), 'r.hl7'))).toEqual([
      ['iid.url.shape', 'IID-002', 'error', 'OBX[2]-5'],
    ]);
  });
});

// Our XML reader writes namespaces it has no prefix for as local-name() steps.
const CDA_TEXT = ['ClinicalDocument', 'component', 'structuredBody', 'component', 'section', 'text']
  .map((n) => `/*[local-name()='${n}']`)
  .join('');

describe('MHD and CDA one-change variants', () => {
  test('flags a DocumentReference link to an unreferenced study at its attachment url (LINK-011) and the missed study (IID-005)', () => {
    const dr = documentReferenceWithIidLink({ links: [iidUrl('1.2.3.999')] });
    expect(brief(validateIidLinksDocumentReference(dr, 'dr.json'))).toEqual([
      ['iid.link.each-study', 'IID-005', 'error', 'DocumentReference.context.related[0].identifier'],
      ['iid.link.study-referenced', 'LINK-011', 'error', 'DocumentReference.content[1].attachment.url'],
    ]);
  });
  test('flags a DocumentReference without a viewer link (IID-001)', () => {
    expect(brief(validateIidLinksDocumentReference(documentReferenceWithIidLink({ links: [] }), 'dr.json'))).toEqual([
      ['iid.link.present', 'IID-001', 'error', 'DocumentReference.content'],
    ]);
  });
  test('flags a CDA PATIENT request without patientID at the linkHtml href', () => {
    const f = validateIidLinksCda(
      cdaWithIidLinks({ links: [`${IID_BASE}/IHEInvokeImageDisplay?requestType=PATIENT`, iidUrl(S1)] }),
      'r.xml',
    );
    expect(f.map((x) => [x.ruleId, x.location.path, x.message])).toEqual([
      ['iid.url.shape', `${CDA_TEXT}/*[local-name()='paragraph'][1]/*[local-name()='linkHtml']/@href`, 'A PATIENT request needs patientID'],
    ]);
  });
  test('a CDA that does not parse is one finding', () => {
    expect(brief(validateIidLinksCda('<ClinicalDocument', 'r.xml')).map((x) => x[0])).toEqual(['iid.report.readable']);
  });
  test('a DocumentReference with content of the wrong shape is one finding, not a crash', () => {
    expect(brief(validateIidLinksDocumentReference({ resourceType: 'DocumentReference', content: { attachment: 1 } }, 'dr.json'))).toEqual([
      ['iid.report.readable', 'IID-001', 'error', 'DocumentReference'],
    ]);
  });
  test('a JSON that is not a DocumentReference is one finding', () => {
    expect(brief(validateIidLinksDocumentReference({ resourceType: 'Patient' }, 'p.json'))).toEqual([
      ['iid.report.readable', 'IID-001', 'error', 'DocumentReference'],
    ]);
  });
});

test('parseIidUrl splits comma-separated study lists', () => {
  const u = parseIidUrl(iidUrl(`${S1}, ${SECOND_STUDY}`));
  expect(u.ok && [u.base, u.requestType, u.studyUids, u.patientId]).toEqual([
    IID_BASE,
    'STUDY',
    [S1, SECOND_STUDY],
    `${HL7_IDS.localId}^^^&${HL7_IDS.localOid}&ISO`,
  ]);
});

test('the iid profile is registered for the coverage table', async () => {
  const sets = await allRuleSets();
  expect(sets.find((s) => s.profile === 'iid/report-links')?.rules.map((r) => r.id)).toEqual([
    'iid.report.readable',
    'iid.url.shape',
    'iid.link.present',
    'iid.link.each-study',
    'iid.link.study-referenced',
  ]);
});

describe('central viewer URL from report metadata (IID-004)', () => {
  test('builds a STUDY request from referenceIdList and patientId that the link rules accept', () => {
    const entry = conformantDocumentEntry();
    const r = centralViewerUrl('https://central.example.org/viewer/', entry);
    expect(r.ok && r.url).toBe(
      `https://central.example.org/viewer/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${FIXTURE.studyUid}&patientID=PAT-0001%5E%5E%5E%261.2.3.4.5.6.2%26ISO`,
    );
    const dr = documentReferenceWithIidLink({ links: [r.ok ? r.url : ''] });
    expect(validateIidLinksDocumentReference(dr, 'dr.json')).toEqual([]);
  });
  test('falls back to the accession number, and refuses an entry that names neither', () => {
    const entry = conformantDocumentEntry();
    const refs = entry.slots.find((s) => s.name === SLOT.referenceIdList)!;
    refs.values = refs.values.filter((v) => !v.endsWith('studyInstanceUID'));
    const r = centralViewerUrl('https://central.example.org/viewer', entry);
    expect(r.ok && parseIidUrl(r.url)).toMatchObject({ accessionNumbers: [FIXTURE.accession], studyUids: [] });
    // A fresh entry: referenceIds() caches its answer per entry object.
    expect(centralViewerUrl('https://central.example.org/viewer', entryWithReferences([]))).toMatchObject({ ok: false });
  });
});

function entryWithReferences(refs: string[]) {
  const e = conformantDocumentEntry();
  e.slots.find((s) => s.name === SLOT.referenceIdList)!.values = refs;
  return e;
}
