// Each rule: the conformant fixture passes the whole profile clean; one change is flagged by
// exactly that rule at the exact location.
import { describe, expect, test } from 'vitest';
import { HL7_IDS } from '../../../fixtures/builders/hl7-ids.ts';
import { HL7_FIXTURES, mdmT02, oruR01 } from '../../../fixtures/builders/hl7-messages.ts';
import { withField, withoutSegment, withSegment } from '../../../fixtures/builders/hl7-variants.ts';
import { HL7_CASES } from '../../../fixtures/hl7/broken-cases.ts';
import { loadCatalogue, unknownIds } from '../../catalogue/catalogue.ts';
import type { ManifestFacts } from '../../manifest-facts.ts';
import { validateHl7 } from '../validate.ts';
import { HL7_LINK_RULES, HL7_MESSAGE_RULES } from './index.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

export function matchingFacts(): ManifestFacts {
  return {
    sopInstanceUid: '1.2.3.4',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.88.59',
    patient: { id: HL7_IDS.nationalId, issuerOid: HL7_IDS.nationalOid },
    otherPatientIds: [{ id: HL7_IDS.localId, issuerOid: HL7_IDS.localOid }],
    studyInstanceUid: HL7_IDS.studyUid,
    accessionNumber: HL7_IDS.accession,
    accessionIssuerOid: HL7_IDS.accessionOid,
    placerOrderNumbers: [HL7_IDS.placer],
    fillerOrderNumbers: [HL7_IDS.filler],
    requestedProcedureIds: [],
    procedureCodes: [],
    modalities: ['CT'],
    series: [],
  };
}

describe('conformant fixtures', () => {
  test.each(Object.keys(HL7_FIXTURES))('%s passes every message rule clean', (name) => {
    expect(validateHl7(utf8(HL7_FIXTURES[name]!()), 'x.hl7', {}, 'wire')).toEqual([]);
  });

  test('the ORU and MDM reports pass linkage against matching manifest facts', () => {
    for (const m of [oruR01(), mdmT02()]) expect(validateHl7(utf8(m), 'x.hl7', { manifest: matchingFacts() })).toEqual([]);
  });

  test('every rule cites catalogue IDs that exist', () => {
    const ids = [...HL7_MESSAGE_RULES, ...HL7_LINK_RULES].flatMap((r) => [...r.reqIds]);
    expect(unknownIds(ids, loadCatalogue())).toEqual([]);
  });
});

const PDF = Buffer.from('%PDF-1.4 fake').toString('base64');

describe('one change, one finding', () => {
  test.each(HL7_CASES)('$name', ({ ruleId: id, make, path }) => {
    const input = make();
    const findings = validateHl7(typeof input === 'string' ? utf8(input) : input, 'x.hl7', {}, 'wire');
    expect(findings.map((f) => [f.ruleId, f.location.path])).toEqual([[id, path]]);
    expect(findings[0]!.severity).toBe('error');
  });

  test('an encapsulated PDF report passes', () => {
    const m = withField(withField(oruR01(), 'OBX-2', 'ED'), 'OBX-5', `^application^PDF^Base64^${PDF}`);
    expect(validateHl7(utf8(m), 'x.hl7')).toEqual([]);
  });

  test('the study UID may travel in an OBX coded (110180, DCM)', () => {
    const m = withSegment(withoutSegment(oruR01(), 'ZDS'), `OBX|2|UI|110180^Study Instance UID^DCM||${HL7_IDS.studyUid}||||||F`);
    expect(validateHl7(utf8(m), 'x.hl7')).toEqual([]);
  });

  test('LF line ends are an error in a file as on the wire (RIS-001)', () => {
    const f = validateHl7(utf8(oruR01().replace(/\r/g, '\n')), 'x.hl7', {}, 'file');
    expect(f.map((x) => [x.ruleId, x.severity, x.location.path])).toEqual([['hl7.framing.segment-terminator', 'error', 'MSH']]);
    expect(f[0]!.message).toBe('Segments must end with CR (0x0D); found LF line ends');
  });

  test('the accession field is configurable (OBR-3 filler EI)', () => {
    expect(validateHl7(utf8(withField(oruR01(), 'OBR-18', '')), 'x.hl7', { accessionField: 'OBR-3' })).toEqual([]);
  });

  test('OBR-18 is ST in v2.5.1 (the default): the number alone passes, no EI components required (RIS-006)', () => {
    expect(validateHl7(utf8(withField(oruR01(), 'OBR-18', HL7_IDS.accession)), 'x.hl7', {}, 'wire')).toEqual([]);
  });

  test('a deployment that puts the issuer in the field (EI) gets an empty issuer flagged, named as empty', () => {
    const f = validateHl7(utf8(withField(oruR01(), 'OBR-18', `${HL7_IDS.accession}`)), 'x.hl7', { accessionEncoding: 'EI' }, 'wire');
    expect(f.map((x) => [x.ruleId, x.location.path])).toEqual([['hl7.report.accession', 'OBR-18.3']]);
    expect(f[0]!.message).toBe(
      'OBR-18 accession "ACC001" must carry its issuer OID in component 3 with type ISO in component 4; found component 3 empty and component 4 empty',
    );
    expect(validateHl7(utf8(oruR01()), 'x.hl7', { accessionEncoding: 'EI' }, 'wire')).toEqual([]);
  });

  test("any field of the deployment's choice is read (OBR-20, empty in the fixture, is flagged there)", () => {
    const f = validateHl7(utf8(oruR01()), 'x.hl7', { accessionField: 'OBR-20' }, 'wire');
    expect(f.map((x) => [x.ruleId, x.location.path])).toEqual([['hl7.report.accession', 'OBR-20.1']]);
  });

  test('an empty component is reported as empty, not as the separators around it', () => {
    const f = validateHl7(utf8(withField(oruR01(), 'PID-3[1].4.3', '')), 'x.hl7', {}, 'wire');
    expect(f.map((x) => x.message)).toEqual([expect.stringMatching(/with type empty$/)]);
    expect(f[0]!.message).not.toMatch(/"&"|"\^"|""/);
    const v = validateHl7(utf8(withField(withField(oruR01(), 'OBX-2', 'ED'), 'OBX-5', `^application^^Base64^${PDF}`)), 'x.hl7', {}, 'wire');
    expect(v.map((x) => [x.ruleId, x.message])).toEqual([['hl7.report.body', 'OBX[1]-5.3 (ED subtype) must be PDF; found empty']]);
  });

  test('reads a file that still holds its MLLP frame', () => {
    expect(validateHl7(Buffer.concat([Buffer.from([0x0b]), utf8(oruR01()), Buffer.from([0x1c, 0x0d])]), 'x.hl7', {}, 'wire')).toEqual([]);
  });
});

describe('linkage against manifest facts', () => {
  const cases: [string, Partial<ManifestFacts>, string][] = [
    ['link.patient', { patient: { id: 'OTHER', issuerOid: HL7_IDS.nationalOid } }, 'PID-3'],
    ['link.accession', { accessionNumber: 'ACC999' }, 'OBR-18.1'],
    ['link.accession', { accessionIssuerOid: '1.2.3.999' }, 'OBR-18.3'],
    ['link.order', { placerOrderNumbers: ['PLC999'] }, 'OBR-2'],
    ['link.study-uid', { studyInstanceUid: '1.2.3.4.5' }, 'ZDS[1]-1.1'],
  ];
  test("an ST accession (number alone) links by number; with the deployment's agreed issuer, the issuer is compared too", () => {
    const st = utf8(withField(oruR01(), 'OBR-18', HL7_IDS.accession));
    expect(validateHl7(st, 'x.hl7', { manifest: matchingFacts() })).toEqual([]);
    expect(validateHl7(st, 'x.hl7', { manifest: matchingFacts(), accessionIssuerOid: HL7_IDS.accessionOid })).toEqual([]);
    const f = validateHl7(st, 'x.hl7', { manifest: matchingFacts(), accessionIssuerOid: '1.2.3.999' });
    expect(f.map((x) => [x.ruleId, x.location.path])).toEqual([['link.accession', 'OBR-18.3']]);
    expect(validateHl7(st, 'x.hl7', { manifest: { ...matchingFacts(), accessionNumber: 'ACC999' } }).map((x) => x.ruleId)).toEqual([
      'link.accession',
    ]);
  });

  test.each(cases)('%s flags a manifest that differs in %j', (id, change, path) => {
    const f = validateHl7(utf8(oruR01()), 'x.hl7', { manifest: { ...matchingFacts(), ...change } });
    expect(f.map((x) => [x.ruleId, x.location.path])).toEqual([[id, path]]);
  });
});
