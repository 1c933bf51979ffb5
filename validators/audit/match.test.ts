import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { matchAudit, type ExchangeFacts } from './match.ts';
import { readAudit } from './view.ts';

const audit = (n: string) => readAudit(readFileSync(join(import.meta.dirname, '../../fixtures/audit', `${n}.xml`), 'utf8'));
const AT = '2026-12-03T06:20:10Z';

test('an ITI-41 audit matches its exchange by transaction, patient and time', () => {
  expect(matchAudit(audit('iti-41'), { transaction: 'ITI-41', at: AT, patientId: 'PAT-4711^^^&1.2.3.4.5.6&ISO' })).toEqual({
    matches: true,
    mismatches: [],
  });
  expect(matchAudit(audit('iti-41'), { transaction: 'ITI-41', at: AT, patientId: 'PAT-4711' }).matches).toBe(true);
});

test('a WADO-RS transfer audit matches by study and patient', () => {
  expect(
    matchAudit(audit('rad-107'), { transaction: 'RAD-107', at: AT, patientId: 'PAT-4711', studyUids: ['1.2.3.4.5.6.7.8.2001'] }).matches,
  ).toBe(true);
});

test('an ITI-42 audit matches by patient and submission set', () => {
  const ex = { transaction: 'ITI-42', at: AT, patientId: 'PAT-4711', submissionSetId: '1.2.3.4.5.6.7.8.1042' };
  expect(matchAudit(audit('iti-42'), ex)).toEqual({ matches: true, mismatches: [] });
});

test('an ITI-66 audit matches by transaction and patient', () => {
  expect(matchAudit(audit('iti-66'), { transaction: 'ITI-66', at: AT, patientId: 'PAT-4711^^^&1.2.3.4.5.6&ISO' }).matches).toBe(true);
});

test('a RAD-69 audit matches by the study retrieved', () => {
  expect(matchAudit(audit('rad-69'), { transaction: 'RAD-69', at: AT, studyUids: ['1.2.3.4.5.6.7.8.2001'] }).matches).toBe(true);
});

test('XCA audits match as their single-community twins: ITI-38 by patient, ITI-39 by document, RAD-75 by study', () => {
  expect(matchAudit(audit('iti-38'), { transaction: 'ITI-38', at: AT, patientId: 'PAT-4711' }).matches).toBe(true);
  expect(matchAudit(audit('iti-39'), { transaction: 'ITI-39', at: AT, documentIds: ['1.2.3.4.5.6.7.8.3901'] }).matches).toBe(true);
  expect(matchAudit(audit('rad-75'), { transaction: 'RAD-75', at: AT, studyUids: ['1.2.3.4.5.6.7.8.7501'] }).matches).toBe(true);
  expect(matchAudit(audit('rad-75'), { transaction: 'RAD-75', at: AT, studyUids: ['1.2.3.9'] }).mismatches).toEqual([
    'no study object for 1.2.3.9',
  ]);
});

test('an ITI-68 audit matches the document by the URL it was read from, whatever host name the SUT saw', () => {
  const ex = (url: string): ExchangeFacts => ({ transaction: 'ITI-68', at: AT, documentIds: [url] });
  expect(matchAudit(audit('iti-68'), ex('https://mhd.example.org/fhir/Binary/doc-3001')).matches).toBe(true);
  expect(matchAudit(audit('iti-68'), ex('https://127.0.0.1:8443/fhir/Binary/doc-3001')).matches).toBe(true);
  expect(matchAudit(audit('iti-68'), ex('https://mhd.example.org/fhir/Binary/doc-3002')).mismatches).toEqual([
    'no document object for https://mhd.example.org/fhir/Binary/doc-3002',
  ]);
});

test.each<[string, string, Partial<ExchangeFacts>, RegExp]>([
  ['another transaction', 'iti-41', { transaction: 'RAD-68' }, /records ITI-41, not RAD-68/],
  ['another patient', 'iti-41', { patientId: 'PAT-9999' }, /no patient object for PAT-9999/],
  ['the same ID from another authority', 'iti-41', { patientId: 'PAT-4711^^^&9.9.9&ISO' }, /no patient object/],
  ['too late', 'iti-41', { at: '2026-12-03T06:30:00Z' }, /is 618 s from the exchange/],
  [
    'a document it does not name',
    'iti-43',
    { transaction: 'ITI-43', documentIds: ['1.2.3.4.5.6.7.8.3999'] },
    /no document object for 1.2.3.4.5.6.7.8.3999/,
  ],
  ['a study it does not name', 'rad-69', { transaction: 'RAD-69', studyUids: ['1.2.3.9'] }, /no study object for 1.2.3.9/],
  [
    'another submission set',
    'iti-42',
    { transaction: 'ITI-42', submissionSetId: '1.2.3.4.5.6.7.8.1099' },
    /no submission set object for 1.2.3.4.5.6.7.8.1099; found \["1.2.3.4.5.6.7.8.1042"\]/,
  ],
  ['an ITI-67 audit for an ITI-66 exchange', 'iti-67', { transaction: 'ITI-66' }, /records ITI-67, not ITI-66/],
])('does not match %s', (_w, name, change, why) => {
  const r = matchAudit(audit(name), { transaction: 'ITI-41', at: AT, ...change });
  expect(r.matches).toBe(false);
  expect(r.mismatches.join('\n')).toMatch(why);
});

test('an unreadable audit matches nothing', () => {
  expect(matchAudit(readAudit('<x/>'), { transaction: 'ITI-41', at: AT })).toMatchObject({ matches: false });
});
