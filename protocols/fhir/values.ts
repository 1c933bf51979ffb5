// Value conversions between XDS and FHIR: DTM <-> dateTime, hex <-> base64 hashes, coding
// systems (OID <-> URI through a caller-supplied scheme table).
export interface SystemTable {
  /** XDS codingScheme (usually an OID) -> FHIR system URI. */
  toSystem(codingScheme: string): string;
  /** FHIR system URI -> XDS codingScheme. */
  toCodingScheme(system: string): string;
}

/** Without a table, OIDs travel as urn:oid: URIs (ITI TF-2 Appendix Z). */
export const OID_SYSTEMS: SystemTable = {
  toSystem: (s) => (/^[0-2](\.\d+)+$/.test(s) ? `urn:oid:${s}` : s),
  toCodingScheme: (s) => (s.startsWith('urn:oid:') ? s.slice(8) : s),
};

export function tableFromSchemes(schemes: Readonly<Record<string, { oid?: string | undefined; uri?: string | undefined }>>): SystemTable {
  const toUri = new Map<string, string>();
  const toOid = new Map<string, string>();
  for (const s of Object.values(schemes)) {
    if (s.oid && s.uri) {
      toUri.set(s.oid, s.uri);
      toOid.set(s.uri, s.oid);
    }
    if (s.oid) toOid.set(`urn:oid:${s.oid}`, s.oid);
  }
  return {
    toSystem: (c) => toUri.get(c) ?? OID_SYSTEMS.toSystem(c),
    toCodingScheme: (u) => toOid.get(u) ?? OID_SYSTEMS.toCodingScheme(u),
  };
}

/** XDS DTM (YYYY[MM[DD[hh[mm[ss]]]]], UTC) -> FHIR dateTime; undefined when malformed. */
export function dtmToDateTime(dtm: string): string | undefined {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?$/.exec(dtm);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  if (!mo) return y;
  if (!d) return `${y}-${mo}`;
  if (!h) return `${y}-${mo}-${d}`;
  return `${y}-${mo}-${d}T${h}:${mi ?? '00'}:${s ?? '00'}Z`;
}

/** FHIR dateTime -> XDS DTM in UTC; undefined when malformed. */
export function dateTimeToDtm(dt: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(dt);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, tz] = m;
  if (!h) return `${y}${mo ?? ''}${d ?? ''}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${tz ?? 'Z'}`);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

export function base64ToHex(b64: string): string {
  return Buffer.from(b64, 'base64').toString('hex');
}
