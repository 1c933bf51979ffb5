import { describe, expect, test } from 'vitest';
import { dateRange } from './fhir-dates.ts';

describe('FHIR date search values as XDS ranges', () => {
  test.each([
    [['2024'], { from: '20240101000000', to: '20250101000000' }],
    [['ge2024-03-01', 'lt2024-04-01'], { from: '20240301000000', to: '20240401000000' }],
    [['gt2024-03-15'], { from: '20240316000000' }],
    [['le2024-02'], { to: '20240301000000' }],
    [['eq2024-03-15T11:15:00+01:00'], { from: '20240315101500', to: '20240315101501' }],
  ])('%o -> %o', (values, range) => {
    expect(dateRange(values)).toEqual(range);
  });

  test.each([['sa2024'], ['2024-13-01'], ['yesterday']])('refuses %s with a message', (v) => {
    expect(typeof dateRange([v])).toBe('string');
  });
});
