// A DICOM PS3.15 A.5 audit message read into plain values, each with the XPath it came from,
// for the audit rules. Reads with the project's hardened XML parser (no DTDs, bounded size).
import { parseXml, type XmlElement } from '../../protocols/xml/index.ts';

export interface Coded {
  /** csd-code (DICOM schema since 2016); RFC 3881's `code` attribute is read too. */
  code: string;
  codeSystemName: string;
  originalText?: string;
  path: string;
}

export interface AuditEvent {
  id?: Coded;
  actionCode?: string;
  dateTime?: string;
  outcome?: string;
  typeCodes: Coded[];
  path: string;
}

export interface AuditParticipant {
  userId?: string;
  alternativeUserId?: string;
  userName?: string;
  /** 'true' / 'false' as written; anything else is kept so a rule can name it. */
  userIsRequestor?: string;
  networkAccessPointId?: string;
  networkAccessPointTypeCode?: string;
  roleIdCodes: Coded[];
  path: string;
}

export interface AuditSource {
  auditSourceId?: string;
  enterpriseSiteId?: string;
  typeCodes: Coded[];
  path: string;
}

export interface AuditObject {
  id?: string;
  typeCode?: string;
  typeCodeRole?: string;
  idTypeCode?: Coded;
  name?: string;
  /** Base64 text of ParticipantObjectQuery, as sent. */
  query?: string;
  details: { type: string; value: string }[];
  path: string;
}

export interface AuditView {
  parseError?: string;
  event?: AuditEvent;
  participants: AuditParticipant[];
  sources: AuditSource[];
  objects: AuditObject[];
}

export interface AuditCtx {
  /** The transaction the audit should record (ITI-41, RAD-107, …); inferred from EventTypeCode when absent. */
  transaction?: string;
}

export function readAudit(xml: string | Uint8Array): AuditView {
  const empty = { participants: [], sources: [], objects: [] };
  const r = parseXml(xml);
  if (!r.ok) return { ...empty, parseError: r.error.message };
  const root = r.root;
  if (root.name !== 'AuditMessage')
    return { ...empty, parseError: `root element is <${root.name}>; a DICOM audit message is <AuditMessage> (PS3.15 A.5.1)` };
  const kids = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
  const ev = kids(root, 'EventIdentification')[0];
  return {
    ...(ev ? { event: readEvent(ev, kids) } : {}),
    participants: kids(root, 'ActiveParticipant').map((p) => ({
      ...attrs(p, {
        userId: 'UserID',
        alternativeUserId: 'AlternativeUserID',
        userName: 'UserName',
        userIsRequestor: 'UserIsRequestor',
        networkAccessPointId: 'NetworkAccessPointID',
        networkAccessPointTypeCode: 'NetworkAccessPointTypeCode',
      }),
      roleIdCodes: kids(p, 'RoleIDCode').map(coded),
      path: p.path,
    })),
    sources: kids(root, 'AuditSourceIdentification').map((s) => ({
      ...attrs(s, { auditSourceId: 'AuditSourceID', enterpriseSiteId: 'AuditEnterpriseSiteID' }),
      typeCodes: kids(s, 'AuditSourceTypeCode').map(coded),
      path: s.path,
    })),
    objects: kids(root, 'ParticipantObjectIdentification').map((o) => {
      const idType = kids(o, 'ParticipantObjectIDTypeCode')[0];
      const name = kids(o, 'ParticipantObjectName')[0]?.text;
      const query = kids(o, 'ParticipantObjectQuery')[0]?.text;
      return {
        ...attrs(o, { id: 'ParticipantObjectID', typeCode: 'ParticipantObjectTypeCode', typeCodeRole: 'ParticipantObjectTypeCodeRole' }),
        ...(idType ? { idTypeCode: coded(idType) } : {}),
        ...(name ? { name } : {}),
        ...(query ? { query } : {}),
        details: kids(o, 'ParticipantObjectDetail').map((d) => ({ type: d.attrs.type ?? '', value: d.attrs.value ?? '' })),
        path: o.path,
      };
    }),
  };
}

function readEvent(ev: XmlElement, kids: (el: XmlElement, name: string) => XmlElement[]): AuditEvent {
  const id = kids(ev, 'EventID')[0];
  return {
    ...(id ? { id: coded(id) } : {}),
    ...attrs(ev, { actionCode: 'EventActionCode', dateTime: 'EventDateTime', outcome: 'EventOutcomeIndicator' }),
    typeCodes: kids(ev, 'EventTypeCode').map(coded),
    path: ev.path,
  };
}

function coded(el: XmlElement): Coded {
  const originalText = el.attrs.originalText ?? el.attrs.displayName;
  return {
    code: el.attrs['csd-code'] ?? el.attrs.code ?? '',
    codeSystemName: el.attrs.codeSystemName ?? '',
    ...(originalText ? { originalText } : {}),
    path: el.path,
  };
}

function attrs<K extends string>(el: XmlElement, map: Record<K, string>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [k, a] of Object.entries(map) as [K, string][]) if (el.attrs[a] !== undefined) out[k] = el.attrs[a];
  return out;
}

/** Codes are equal by value and scheme; originalText is display text (STYLE: sameCode). */
export function sameCode(a: { code: string; codeSystemName: string } | undefined, b: { code: string; codeSystemName: string }): boolean {
  return a !== undefined && a.code === b.code && a.codeSystemName === b.codeSystemName;
}

export function showCode(c: { code: string; codeSystemName: string; originalText?: string } | undefined): string {
  return c ? `(${c.code}, ${c.codeSystemName}${c.originalText ? `, "${c.originalText}"` : ''})` : 'nothing';
}
