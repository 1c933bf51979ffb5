import { describe, expect, test } from 'vitest';
import { nonObjectEntries } from './bundle-entries.ts';

describe('nonObjectEntries', () => {
  test('names each entry that is not an object', () => {
    expect(nonObjectEntries({ resourceType: 'Bundle', entry: [null, {}, 3, []] }).map((p) => p.path)).toEqual([
      'Bundle.entry[0]',
      'Bundle.entry[2]',
      'Bundle.entry[3]',
    ]);
  });
  test('refuses an entry that is not an array and accepts an absent one', () => {
    expect(nonObjectEntries({ entry: 'x' })).toMatchObject([{ path: 'Bundle.entry' }]);
    expect(nonObjectEntries({})).toEqual([]);
  });
});
