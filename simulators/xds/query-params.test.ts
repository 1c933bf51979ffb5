import { expect, test } from 'vitest';
import { Params, splitValue } from './query-params.ts';
import { XdsFailure } from './errors.ts';

test('splits quoted lists, keeping quotes doubled inside values', () => {
  expect(splitValue("('CT^^^DCM', 'it''s')")).toEqual(['CT^^^DCM', "it's"]);
  expect(splitValue("'urn:uuid:1'")).toEqual(['urn:uuid:1']);
  expect(splitValue('20240101')).toEqual(['20240101']);
});

test('a repeated eventCodeList slot is an AND of OR lists', () => {
  const p = new Params([
    { name: '$XDSDocumentEntryEventCodeList', values: ["('CT^^^DCM','MR^^^DCM')"], path: '' },
    { name: '$XDSDocumentEntryEventCodeList', values: ["('T-D1100^^^SRT')"], path: '' },
  ]);
  expect(p.groups('$XDSDocumentEntryEventCodeList')).toEqual([['CT^^^DCM', 'MR^^^DCM'], ['T-D1100^^^SRT']]);
});

test('both EntryUUID and UniqueId is XDSStoredQueryParamNumber', () => {
  const p = new Params([
    { name: '$XDSDocumentEntryEntryUUID', values: ["('urn:uuid:1')"], path: '' },
    { name: '$XDSDocumentEntryUniqueId', values: ["('1.2')"], path: '' },
  ]);
  expect(() => p.oneOf('$XDSDocumentEntryEntryUUID', '$XDSDocumentEntryUniqueId')).toThrow(/mutually exclusive/);
});

test('a 1 MB patient ID is an XDSRegistryError naming the parameter, not an empty Success (issue 16)', () => {
  const make = () => new Params([{ name: '$XDSDocumentEntryPatientId', values: [`'${'1'.repeat(1_000_000)}^^^&1.2.3&ISO'`], path: '' }]);
  expect(make).toThrow(XdsFailure);
  try {
    make();
  } catch (e) {
    expect((e as XdsFailure).errors[0]?.errorCode).toBe('XDSRegistryError');
    expect((e as XdsFailure).errors[0]?.codeContext).toContain('$XDSDocumentEntryPatientId');
  }
  expect(() => new Params([{ name: '$XDSDocumentEntryPatientId', values: [`'${'1'.repeat(200)}^^^&1.2.3&ISO'`], path: '' }])).not.toThrow();
});
