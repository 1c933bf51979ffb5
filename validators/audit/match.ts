// Does an audit message record a given exchange? For the SEC-003/SEC-004 plan steps: after each
// transaction with the SUT, one of the audits it sent must name the same transaction, patient,
// submission set, documents or studies, at a time close to the exchange.
import { isObjectOf } from './rules/object-required.ts';
import { specFor } from './transactions.ts';
import type { AuditView } from './view.ts';

export interface ExchangeFacts {
  /** 'ITI-41', 'RAD-107', … */
  transaction: string;
  /** When the exchange happened (ISO 8601). */
  at: string;
  /** CX ID (PID-3.1 style) or full CX 'id^^^&oid&ISO'; compared on the ID and, when both give one, the authority. */
  patientId?: string;
  /** The submission set's uniqueId (ITI-41, RAD-68, ITI-42): what tells one push from another of the same patient. */
  submissionSetId?: string;
  /** DocumentUniqueIds (ITI-43), or the URL the document was read from (ITI-68, whose audit names it by its URL). */
  documentIds?: string[];
  studyUids?: string[];
}

export interface AuditMatch {
  matches: boolean;
  /** Why not, one line each; empty when it matches. */
  mismatches: string[];
}

/** Clocks of two nodes differ and audits are sent after the fact: ± 5 minutes by default. */
export const DEFAULT_WINDOW_MS = 5 * 60_000;

export function matchAudit(view: AuditView, ex: ExchangeFacts, windowMs = DEFAULT_WINDOW_MS): AuditMatch {
  const out: string[] = [];
  const ev = view.event;
  if (view.parseError || !ev) return { matches: false, mismatches: [view.parseError ?? 'no EventIdentification'] };
  const spec = specFor(undefined, ev.typeCodes, ev.id?.code);
  if (spec?.transaction !== ex.transaction) out.push(`records ${spec?.transaction ?? 'an unknown transaction'}, not ${ex.transaction}`);
  const t = Date.parse(ev.dateTime ?? '');
  const at = Date.parse(ex.at);
  if (Number.isNaN(t)) out.push(`EventDateTime ${JSON.stringify(ev.dateTime ?? null)} is not a time`);
  else if (Math.abs(t - at) > windowMs)
    out.push(
      `EventDateTime ${ev.dateTime} is ${Math.round(Math.abs(t - at) / 1000)} s from the exchange at ${ex.at} (window ${windowMs / 1000} s)`,
    );
  const ids = (kind: 'patient' | 'submissionSet' | 'document' | 'study') =>
    view.objects.filter((o) => isObjectOf(o, kind, ex.transaction)).map((o) => o.id ?? '');
  if (ex.patientId !== undefined && !ids('patient').some((id) => samePatient(id, ex.patientId!)))
    out.push(`no patient object for ${ex.patientId}; found ${JSON.stringify(ids('patient'))}`);
  if (ex.submissionSetId !== undefined && !ids('submissionSet').includes(ex.submissionSetId))
    out.push(`no submission set object for ${ex.submissionSetId}; found ${JSON.stringify(ids('submissionSet'))}`);
  for (const d of ex.documentIds ?? []) if (!ids('document').some((id) => sameDocument(id, d))) out.push(`no document object for ${d}`);
  for (const s of ex.studyUids ?? []) if (!ids('study').includes(s)) out.push(`no study object for ${s}`);
  return { matches: out.length === 0, mismatches: out };
}

/** CX equality on ID (component 1) and, when both carry one, the assigning authority (component 4). */
function samePatient(a: string, b: string): boolean {
  const [idA = '', , , authA = ''] = a.split('^');
  const [idB = '', , , authB = ''] = b.split('^');
  if (idA !== idB) return false;
  const oid = (x: string) => x.split('&')[1] ?? x;
  return !authA || !authB || oid(authA) === oid(authB);
}

/**
 * Document IDs are equal as written; a document read by URL (ITI-68) is also the same when both
 * name the same resource (its last two path segments, `Binary/abc`), because the SUT audits the URL
 * as it saw it (its own host name, a proxy's) and we record it as we sent it.
 */
function sameDocument(audited: string, expected: string): boolean {
  if (audited === expected) return true;
  const a = resourcePath(audited);
  return a !== undefined && a === resourcePath(expected);
}

function resourcePath(idOrUrl: string): string | undefined {
  if (!idOrUrl.includes('/')) return undefined;
  const path = idOrUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const parts = path.split('/').filter(Boolean);
  return parts.length >= 2 ? parts.slice(-2).join('/') : undefined;
}
