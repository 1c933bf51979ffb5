// What an audit message must record about one exchange, read from the exchange as the kit
// recorded it (the SOAP root of XDS messages, the FHIR request URL or Bundle, the WADO-RS URL).
// Used on both sides: our simulators build their own audits from it (--audit-to, the reference
// SUTs) and the SEC-003/SEC-004 steps match the SUT's audits against it.
import type { Exchange } from '../../model/exchange.ts';
import { DE, externalIdOf, readEbrim, SS } from '../../protocols/ebrim/index.ts';
import { readEnvelope } from '../../protocols/soap/index.ts';
import { childrenOf, NS } from '../../protocols/xml/index.ts';
import type { ExchangeFacts } from '../../validators/audit/index.ts';

/** The facts of an exchange, plus what a builder needs beyond the match: the query and the parties. */
export interface AuditFacts extends ExchangeFacts {
  submissionSetId?: string;
  /** The query as sent (ITI-18 AdhocQueryRequest XML, ITI-66/ITI-67 query string); base64 in the audit. */
  query?: string;
  /** The stored query ID (ITI-18) or the searched resource (ITI-66, ITI-67): the query object's ID. */
  queryId?: string;
  /** Who started the exchange and who answered: URLs as recorded. */
  from: string;
  to: string;
  /** The exchange failed (no answer, a fault, a 4xx/5xx): audited with outcome 4 (minor failure). */
  failed: boolean;
}

/** Transactions whose audits we can describe from a recorded exchange. */
export const AUDITED = [
  'ITI-18',
  'ITI-38',
  'ITI-39',
  'ITI-41',
  'ITI-42',
  'ITI-43',
  'RAD-68',
  'RAD-69',
  'RAD-75',
  'ITI-65',
  'ITI-66',
  'ITI-67',
  'ITI-68',
  'RAD-107',
] as const;

export interface FactsOptions {
  /** The patient (CX) of a study, for RAD-107 (its URL names only the study). */
  patientOfStudy?: (studyUid: string) => string | undefined;
}

/** The facts of one exchange, or undefined when it is not one of AUDITED (or its request cannot be read). */
export function factsOfExchange(ex: Exchange, opts: FactsOptions = {}): AuditFacts | undefined {
  const base = {
    transaction: ex.transaction,
    at: ex.at,
    from: ex.from,
    to: ex.to,
    failed: failed(ex),
  };
  try {
    switch (ex.transaction) {
      case 'ITI-41':
      case 'RAD-68':
      case 'ITI-42':
        return { ...base, ...submissionFacts(ex.request.body) };
      case 'ITI-18':
      case 'ITI-38':
        return { ...base, ...queryFacts(ex.request.body) };
      case 'ITI-43':
      case 'ITI-39':
        return { ...base, ...retrieveFacts(ex.request.body) };
      case 'RAD-69':
      case 'RAD-75':
        return { ...base, ...imagingRetrieveFacts(ex.request.body) };
      case 'ITI-65':
        return { ...base, ...bundleFacts(ex.request.body) };
      case 'ITI-66':
        return { ...base, ...searchFacts(ex.request.url ?? ex.to, 'List') };
      case 'ITI-67':
        return { ...base, ...searchFacts(ex.request.url ?? ex.to, 'DocumentReference') };
      case 'ITI-68':
        // The ITI-68 audit names the document by the URL it was read from (ITI TF-2 §3.68.5.1).
        return { ...base, documentIds: [absoluteUrl(ex)] };
      case 'RAD-107': {
        const study = /\/studies\/([0-9.]+)/.exec(ex.request.url ?? ex.to)?.[1];
        if (!study) return undefined;
        const patientId = opts.patientOfStudy?.(study);
        return { ...base, studyUids: [study], ...(patientId ? { patientId } : {}) };
      }
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

function failed(ex: Exchange): boolean {
  if (ex.error || ex.unreachable || !ex.response) return true;
  const status = ex.response.status ?? 200;
  if (status >= 400) return true;
  // XDS answers failures with HTTP 200 and a Failure status in the body.
  return /status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"/.test(ex.response.body ?? '');
}

const ebrimOf = (body: string | undefined) => {
  if (body === undefined) throw new Error('request body not kept');
  const r = readEbrim(readEnvelope(body).body);
  if (!r.ok) throw new Error(r.error.message);
  return r.message;
};

function submissionFacts(body: string | undefined): Partial<AuditFacts> {
  const m = ebrimOf(body);
  if (m.kind !== 'SubmitObjectsRequest') throw new Error(m.kind);
  const ss = m.objects.submissionSets[0];
  const des = m.objects.documentEntries;
  const patientId = (ss && externalIdOf(ss, SS.patientId)?.value) ?? (des[0] && externalIdOf(des[0], DE.patientId)?.value);
  const submissionSetId = ss && externalIdOf(ss, SS.uniqueId)?.value;
  // The push audit tables name the patient and the submission set, not the documents.
  return { ...(patientId ? { patientId } : {}), ...(submissionSetId ? { submissionSetId } : {}) };
}

function queryFacts(body: string | undefined): Partial<AuditFacts> {
  const m = ebrimOf(body);
  if (m.kind !== 'AdhocQueryRequest') throw new Error(m.kind);
  const raw = m.parameters.find((p) => p.name === '$XDSDocumentEntryPatientId')?.values[0];
  const patientId = raw?.replace(/^\(?'|'\)?$/g, '');
  // The query object carries the AdhocQueryRequest itself (ITI TF-2 3.18.5.1.2, 3.38.4.1.4).
  const start = body!.indexOf('<');
  const q = /<(\w+:)?AdhocQueryRequest[\s\S]*<\/(\w+:)?AdhocQueryRequest>/.exec(body!.slice(start))?.[0] ?? body!;
  return { ...(patientId ? { patientId } : {}), query: q, queryId: m.queryId };
}

function retrieveFacts(body: string | undefined): Partial<AuditFacts> {
  const m = ebrimOf(body);
  if (m.kind !== 'RetrieveDocumentSetRequest') throw new Error(m.kind);
  return { documentIds: m.requests.map((r) => r.documentUniqueId) };
}

/**
 * RAD-69 and RAD-75 name the studies they read (StudyRequest/@studyInstanceUID), which their
 * audits list as Study objects (RAD TF-3 §4.69.4.1.4, §4.75.4.1.4); the request names no patient.
 */
function imagingRetrieveFacts(body: string | undefined): Partial<AuditFacts> {
  if (body === undefined) throw new Error('request body not kept');
  const root = readEnvelope(body).body;
  if (root.ns !== NS.xdsi || root.name !== 'RetrieveImagingDocumentSetRequest') throw new Error(root.name);
  const studyUids = [...new Set(childrenOf(root, NS.xdsi, 'StudyRequest').map((s) => s.attrs.studyInstanceUID ?? ''))].filter(Boolean);
  if (studyUids.length === 0) throw new Error('no StudyRequest/@studyInstanceUID');
  return { studyUids };
}

/** The URL as requested: recorded absolute by the clients, path-only by our servers (then under `to`). */
function absoluteUrl(ex: Exchange): string {
  const url = ex.request.url ?? ex.to;
  try {
    return new URL(url, ex.to).href;
  } catch {
    return url;
  }
}

interface FhirIdentifier {
  system?: string;
  value?: string;
}
interface BundleLike {
  entry?: {
    resource?: {
      resourceType?: string;
      masterIdentifier?: FhirIdentifier;
      identifier?: FhirIdentifier[];
      subject?: { identifier?: FhirIdentifier };
    };
  }[];
}

function bundleFacts(body: string | undefined): Partial<AuditFacts> {
  if (body === undefined) throw new Error('request body not kept');
  const b = JSON.parse(body) as BundleLike;
  const resources = (b.entry ?? []).map((e) => e.resource ?? {});
  const docs = resources.filter((r) => r.resourceType === 'DocumentReference');
  const list = resources.find((r) => r.resourceType === 'List');
  const patientId = cxOf(docs[0]?.subject?.identifier);
  const ssId = stripUrn(list?.identifier?.find((i) => i.system === 'urn:ietf:rfc:3986')?.value ?? list?.identifier?.[0]?.value);
  return { ...(patientId ? { patientId } : {}), ...(ssId ? { submissionSetId: ssId } : {}) };
}

function searchFacts(url: string, resource: 'List' | 'DocumentReference'): Partial<AuditFacts> {
  const u = new URL(url, 'http://x');
  const token = u.searchParams.get('patient.identifier') ?? u.searchParams.get('patient:identifier');
  const [system, value] = token?.includes('|') ? token.split('|', 2) : [undefined, token ?? undefined];
  const patientId = cxOf(value ? { ...(system ? { system } : {}), value } : undefined);
  return { ...(patientId ? { patientId } : {}), query: u.search.replace(/^\?/, ''), queryId: resource };
}

/** FHIR identifier to CX: 'urn:oid:1.2.3' becomes the assigning authority &1.2.3&ISO. */
function cxOf(id: FhirIdentifier | undefined): string | undefined {
  if (!id?.value) return undefined;
  const oid = id.system?.startsWith('urn:oid:') ? id.system.slice(8) : undefined;
  return oid ? `${id.value}^^^&${oid}&ISO` : id.value;
}

const stripUrn = (v: string | undefined) => v?.replace(/^urn:oid:/, '');
