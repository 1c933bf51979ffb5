// Storage SOP classes by the content item value type TID 2010 uses for them (PS3.16 TID 2010,
// PS3.4 B.5). Only classes a manifest commonly lists are named; other storage classes under
// 1.2.840.10008.5.1.4.1.1 count as COMPOSITE.
const S = '1.2.840.10008.5.1.4.1.1.';

const IMAGE = new Set(
  [
    '1',
    '1.1',
    '1.1.1',
    '1.1.2',
    '1.1.2.1',
    '1.1.3',
    '1.1.3.1',
    '1.1.1.1',
    '1.1.1.1.1',
    '1.1.1.2',
    '1.1.1.2.1',
    '1.1.1.3',
    '1.1.1.3.1',
    '2',
    '2.1',
    '2.2',
    '3.1',
    '4',
    '4.1',
    '4.3',
    '4.4',
    '6.1',
    '6.2',
    '6.3',
    '7',
    '7.1',
    '7.2',
    '7.3',
    '7.4',
    '12.1',
    '12.1.1',
    '12.2',
    '12.2.1',
    '13.1.1',
    '13.1.2',
    '13.1.3',
    '13.1.4',
    '13.1.5',
    '14.1',
    '14.2',
    '20',
    '30',
    '66.4',
    '77.1.1',
    '77.1.1.1',
    '77.1.2',
    '77.1.2.1',
    '77.1.3',
    '77.1.4',
    '77.1.4.1',
    '77.1.5.1',
    '77.1.5.2',
    '77.1.5.4',
    '77.1.5.5',
    '77.1.5.6',
    '77.1.5.7',
    '77.1.5.8',
    '77.1.6',
    '77.1.7',
    '78.7',
    '128',
    '128.1',
    '130',
    '481.1',
  ].map((s) => S + s),
);
const WAVEFORM_PREFIX = `${S}9.`;

export type ReferenceKind = 'IMAGE' | 'WAVEFORM' | 'COMPOSITE';

/** Under the storage root and only digits and dots (a loop, not a regular expression: it runs once per reference). */
export function isStorageClass(uid: string): boolean {
  if (!uid.startsWith(S)) return false;
  for (let i = S.length; i < uid.length; i++) {
    const c = uid.charCodeAt(i);
    if (c !== 0x2e && (c < 0x30 || c > 0x39)) return false;
  }
  return true;
}

/** The TID 2010 value type for an instance of this class. */
export function referenceKind(uid: string): ReferenceKind {
  if (IMAGE.has(uid)) return 'IMAGE';
  if (uid.startsWith(WAVEFORM_PREFIX)) return 'WAVEFORM';
  return 'COMPOSITE';
}

export const KOS_SOP_CLASS = `${S}88.59`;
