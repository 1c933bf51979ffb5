// What the tests of one MHD Document Source run share: the ITI-65 Bundle the SUT sent, as our
// MHD Document Recipient received it, and how to read one from an exchange.
import type { Bundle, DocumentReference, List } from 'fhir/r4.js';
import type { Exchange } from '../../../model/exchange.ts';
import type { Finding } from '../../../model/finding.ts';

export interface PlanState {
  published?: { exchange: Exchange; bundle: Bundle };
}

/** The Bundle of a recorded ITI-65, or why not. */
export function bundleOf(ex: Exchange): Bundle | string {
  const body = ex.request.body;
  if (body === undefined) return 'the request body was not kept (over the inline limit)';
  try {
    const b = JSON.parse(body) as Bundle;
    return b.resourceType === 'Bundle' ? b : `expected a Bundle; got ${String((b as { resourceType?: unknown }).resourceType)}`;
  } catch (err) {
    return `not JSON: ${(err as Error).message}`;
  }
}

export const resources = <T>(b: Bundle, type: string): { resource: T; fullUrl?: string; index: number }[] =>
  (b.entry ?? []).flatMap((e, index) =>
    e.resource?.resourceType === type ? [{ resource: e.resource as T, index, ...(e.fullUrl ? { fullUrl: e.fullUrl } : {}) }] : [],
  );

/** `system|value` of each DocumentReference subject (the patient the documents are about). */
export function subjectsOf(b: Bundle): string[] {
  return resources<DocumentReference>(b, 'DocumentReference').map(
    ({ resource }) => `${resource.subject?.identifier?.system ?? ''}|${resource.subject?.identifier?.value ?? ''}`,
  );
}

export const listsOf = (b: Bundle) => resources<List>(b, 'List');

/** `urn:oid:<issuer>|<id>` for each patient of the SUT profile's affinity domains. */
export function knownTokens(domains: readonly { issuer: string; patients?: string[] | undefined }[]): Set<string> {
  return new Set(domains.flatMap((d) => (d.patients ?? []).map((p) => `urn:oid:${d.issuer}|${p}`)));
}

export { need } from '../common/step-kit.ts';

export const finding = (ruleId: string, reqIds: string[], ex: Exchange, path: string, message: string): Finding => ({
  ruleId,
  reqIds,
  severity: 'error',
  message,
  location: { artefact: `ITI-65 ${ex.id}`, path },
  evidence: [ex.id],
});
