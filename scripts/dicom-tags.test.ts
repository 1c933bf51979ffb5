import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../cli/coverage-sources.ts';
import { tagKey } from '../protocols/dicom/data-set.ts';
import { dictionaryVr } from '../protocols/dicom/dictionary.ts';
import { JsonTag, Tag, TagKey, TAG_VRS } from '../protocols/dicom/tags.generated.ts';
import { GENERATED_TAGS_PATH, KEYWORDS, renderDicomTags } from './generate-dicom-tags.ts';

test(`${GENERATED_TAGS_PATH} is up to date (run \`npm run tags\`)`, () => {
  const committed = readFileSync(join(PROJECT_ROOT, GENERATED_TAGS_PATH), 'utf8');
  expect(committed === renderDicomTags(), `${GENERATED_TAGS_PATH} is stale: run npm run tags and commit it`).toBe(true);
});

test('the keyword list is sorted and without repeats, so merges of appended keywords stay reviewable', () => {
  expect(KEYWORDS).toEqual([...new Set(KEYWORDS)].sort());
});

test('an unknown keyword stops the generator instead of writing a wrong constant', () => {
  expect(() => renderDicomTags(['PatientID', 'PatientIdentifier'])).toThrow(/PatientIdentifier/);
});

test('the three forms agree with the printed tag form finding paths use', () => {
  // Finding paths and goldens compare '(gggg,eeee)' exactly: TagKey must be what tagKey() prints.
  for (const k of Object.keys(Tag) as (keyof typeof Tag)[]) {
    expect(TagKey[k]).toBe(tagKey(Tag[k]));
    expect(JsonTag[k]).toBe(Tag[k].toString(16).toUpperCase().padStart(8, '0'));
  }
  expect(Tag.PatientID).toBe(0x00100020);
  expect(TagKey.CurrentRequestedProcedureEvidenceSequence).toBe('(0040,A375)');
  expect(JsonTag.StudyInstanceUID).toBe('0020000D');
});

test('the generated VR table matches PS3.6 for the attributes a KOS uses', () => {
  const vrs = new Map(TAG_VRS);
  expect(vrs.get(0x00100020)).toBe('LO');
  expect(vrs.get(0x0040a375)).toBe('SQ');
  expect(vrs.get(0x00081190)).toBe('UR');
  // Group lengths are left to the lookup's own rule, with the same answer.
  expect(vrs.has(0x00020000)).toBe(false);
  expect(dictionaryVr(0x00020000)).toBe('UL');
});
