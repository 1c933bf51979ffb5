// Shared lookups for metadata rules: coded values of an entry, KOS manifest detection,
// referenceIdList parsing.
import {
  DE,
  SLOT,
  codingSchemeOf,
  parseCx,
  slotOf,
  valuePath,
  type Classification,
  type Cx,
  type DocumentEntry,
} from '../../protocols/ebrim/index.ts';

export const KOS_FORMAT = '1.2.840.10008.5.1.4.1.1.88.59';
export const DICOM_UID_SCHEME = '1.2.840.10008.2.6.1';
export const DCM_SCHEME = '1.2.840.10008.2.16.4';
export const SCT_SCHEME = '2.16.840.1.113883.6.96';

export const REF_TYPE = {
  study: 'urn:ihe:iti:xds:2016:studyInstanceUID',
  accession: 'urn:ihe:iti:xds:2013:accession',
  order: 'urn:ihe:iti:xds:2013:order',
} as const;

export interface CodedValue {
  code: string;
  scheme: string | undefined;
  display: string | undefined;
  path: string;
  c: Classification;
}

const codedCache = new WeakMap<DocumentEntry, Map<string, CodedValue[]>>();

/** Coded values of one classification scheme; cached per entry (treat as read-only). */
export function codedValues(de: DocumentEntry, scheme: string): CodedValue[] {
  let byScheme = codedCache.get(de);
  if (!byScheme) codedCache.set(de, (byScheme = new Map()));
  let v = byScheme.get(scheme);
  if (!v) {
    v = [];
    for (const c of de.classifications)
      if (c.scheme === scheme)
        v.push({ code: c.nodeRepresentation ?? '', scheme: codingSchemeOf(c), display: c.name?.value, path: c.path, c });
    byScheme.set(scheme, v);
  }
  return v;
}

const manifestCache = new WeakMap<DocumentEntry, boolean>();

/** A KOS manifest entry: DICOM mime type or the KOS format code. Cached: rules ask often. */
export function isManifest(de: DocumentEntry): boolean {
  let m = manifestCache.get(de);
  if (m === undefined) {
    m =
      de.mimeType === 'application/dicom' ||
      de.classifications.some((c) => c.scheme === DE.formatCode && c.nodeRepresentation === KOS_FORMAT);
    manifestCache.set(de, m);
  }
  return m;
}

export interface RefId extends Cx {
  value: string;
  path: string;
}

const refCache = new WeakMap<DocumentEntry, RefId[]>();

/** Parsed referenceIdList values; cached per entry (treat as read-only). */
export function referenceIds(de: DocumentEntry): RefId[] {
  let r = refCache.get(de);
  if (!r) {
    const s = slotOf(de, SLOT.referenceIdList);
    r = [];
    if (s) {
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i]!;
        const cx = parseCx(v);
        r.push({
          id: cx.id,
          assigningAuthority: cx.assigningAuthority,
          authorityOid: cx.authorityOid,
          authorityType: cx.authorityType,
          type: cx.type,
          components: cx.components,
          value: v,
          path: valuePath(s, i),
        });
      }
    }
    refCache.set(de, r);
  }
  return r;
}

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;
export function isOid(s: string): boolean {
  return s.length <= 64 && OID.test(s);
}

export function isUuidUrn(s: string): boolean {
  return /^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s);
}

/** XDS DTM: YYYY[MM[DD[hh[mm[ss]]]]] with valid ranges (UTC, no zone). */
export function isDtm(s: string): boolean {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?$/.exec(s);
  if (!m) return false;
  const [, , mo, d, h, mi, se] = m;
  if (mo && (+mo < 1 || +mo > 12)) return false;
  if (d && (+d < 1 || +d > 31)) return false;
  if (h && +h > 23) return false;
  if (mi && +mi > 59) return false;
  return !(se && +se > 59);
}
