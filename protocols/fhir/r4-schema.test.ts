import { describe, expect, test } from 'vitest';
import { conformantDocumentEntry } from '../../fixtures/builders/ebrim-submission.ts';
import { validateR4Schema } from './r4-schema.ts';
import { toDocumentReference } from './to-document-reference.ts';

describe('validateR4Schema', () => {
  test('accepts a mapped DocumentReference', () => {
    expect(validateR4Schema(toDocumentReference(conformantDocumentEntry()))).toEqual([]);
  });

  test('locates a wrongly typed element', () => {
    const dr = { ...toDocumentReference(conformantDocumentEntry()), status: 42 };
    expect(validateR4Schema(dr)).toContainEqual(expect.objectContaining({ path: 'DocumentReference.status' }));
  });

  test('flags an unknown resourceType', () => {
    expect(validateR4Schema({ resourceType: 'Nope' })).toEqual([
      { path: 'Nope.resourceType', message: "'Nope' is not an R4 resource type" },
    ]);
  });
});
