import { describe, expect, test } from 'vitest';
import { findDuplicateKey } from './json-duplicates.ts';
import { parseFhirJson } from './parse-json.ts';

describe('duplicate JSON keys', () => {
  test('finds a duplicate resourceType at the root', () => {
    expect(findDuplicateKey('{"resourceType":"Bundle","resourceType":"Patient"}')).toMatchObject({ key: 'resourceType', path: '$' });
  });

  test('names the JSON path of a nested object', () => {
    const text = JSON.stringify({ entry: [{ resource: {} }, { resource: { id: 'x' } }] }).replace(
      '{"id":"x"}',
      '{"id":"x","status":"a","id":"y"}',
    );
    expect(findDuplicateKey(text)).toMatchObject({ key: 'id', path: '$.entry[1].resource' });
  });

  test('sees through escapes in key names and ignores braces and quotes inside strings', () => {
    expect(findDuplicateKey('{"a":"}{\\"a\\":1,","\\u0061":2}')).toMatchObject({ key: 'a', path: '$' });
    expect(findDuplicateKey('{"a":"\\\\","b":{"a":1},"c":[{"a":1},{"a":2}]}')).toBeUndefined();
  });

  test('the same key in sibling objects is not a duplicate', () => {
    expect(findDuplicateKey('[{"a":1},{"a":1}]')).toBeUndefined();
  });

  test('parseFhirJson refuses the duplicate with path and byte offset', () => {
    const r = parseFhirJson(Buffer.from('{"resourceType":"Bundle","é":1,"resourceType":"Patient"}'));
    expect(r).toMatchObject({ ok: false, path: '$' });
    expect(!r.ok && r.message).toContain('byte offset 32');
  });

  test('parseFhirJson names the byte offset of invalid UTF-8', () => {
    expect(parseFhirJson(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toMatchObject({
      ok: false,
      message: 'invalid UTF-8 in the JSON body at byte offset 2',
    });
  });
});
