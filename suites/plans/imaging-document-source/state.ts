// What the tests of one run of the plan share: the manifest the SUT published (as received
// by our repository) and what later tests derive from it. One PlanState per plan instance:
// the plan loader builds a fresh plan, so runs never see each other's state.
import type { Exchange } from '../../../model/exchange.ts';
import { DE, readEbrim, type DocumentEntry, type SubmitObjectsRequest } from '../../../protocols/ebrim/index.ts';
import { externalIdOf } from '../../../protocols/ebrim/accessors.ts';
import { readEnvelope } from '../../../protocols/soap/index.ts';
import type { ManifestFacts } from '../../../validators/manifest-facts.ts';

export interface Published {
  exchange: Exchange;
  request: SubmitObjectsRequest;
  entry: DocumentEntry;
  kos?: { artefact: string; bytes: Buffer; facts?: ManifestFacts };
}

export interface PlanState {
  published?: Published;
}

/** The SubmitObjectsRequest of a recorded RAD-68 (its SOAP part is kept inline), or why not. */
export function submissionOf(ex: Exchange): SubmitObjectsRequest | string {
  const body = ex.request.body;
  if (body === undefined) return 'the request body was not kept (over the inline limit)';
  try {
    const r = readEbrim(readEnvelope(body).body);
    if (!r.ok) return `not readable ebRIM: ${r.error.message}`;
    return r.message.kind === 'SubmitObjectsRequest' ? r.message : `expected a ProvideAndRegisterDocumentSetRequest; got ${r.message.kind}`;
  } catch (err) {
    return `not a SOAP 1.2 envelope: ${(err as Error).message}`;
  }
}

export function patientOf(req: SubmitObjectsRequest): string | undefined {
  const e = req.objects.documentEntries[0];
  return e && externalIdOf(e, DE.patientId)?.value;
}

export function uniqueIdOf(entry: DocumentEntry): string | undefined {
  return externalIdOf(entry, DE.uniqueId)?.value;
}

/** `id^^^&oid&ISO` for each patient the SUT profile's affinity domains list. */
export function knownPatients(domains: readonly { issuer: string; patients?: string[] | undefined }[]): Set<string> {
  return new Set(domains.flatMap((d) => (d.patients ?? []).map((p) => `${p}^^^&${d.issuer}&ISO`)));
}

export function needPublished(state: PlanState): Published {
  if (!state.published) throw new Error('no published manifest: the publish test did not record one');
  return state.published;
}

export function needKos(state: PlanState): NonNullable<Published['kos']> {
  const kos = needPublished(state).kos;
  if (!kos) throw new Error('no manifest bytes: the publish test did not retrieve them');
  return kos;
}

/** The registry's answer to a recorded submission, or why it cannot be read. */
export function registryResponseOf(ex: Exchange): { status: string; errors: { errorCode: string; codeContext: string; severity: string }[] } | string {
  const body = ex.response?.body;
  if (body === undefined) return `no response body recorded (${ex.response?.summary ?? ex.error ?? 'no response'})`;
  try {
    const r = readEbrim(readEnvelope(body).body);
    if (!r.ok) return `not readable ebRIM: ${r.error.message}`;
    return r.message.kind === 'RegistryResponse' ? r.message : `expected a RegistryResponse; got ${r.message.kind}`;
  } catch (err) {
    return `not a SOAP 1.2 envelope: ${(err as Error).message}`;
  }
}

export { artefactFinding as finding } from '../common/step-kit.ts';
