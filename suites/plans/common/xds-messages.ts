// Reading what our XDS registry/repository recorded: the submission a Source sent (RAD-68 /
// ITI-41) and the registry's answer. Shared by the plans whose SUT publishes to our registry
// (imaging-document-source, common-imaging-gateway), so neither imports the other.
import type { Exchange } from '../../../model/exchange.ts';
import { readEbrim, type SubmitObjectsRequest } from '../../../protocols/ebrim/index.ts';
import { readEnvelope } from '../../../protocols/soap/index.ts';

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

/** `id^^^&oid&ISO` for each patient the SUT profile's affinity domains list. */
export function knownPatients(domains: readonly { issuer: string; patients?: string[] | undefined }[]): Set<string> {
  return new Set(domains.flatMap((d) => (d.patients ?? []).map((p) => `${p}^^^&${d.issuer}&ISO`)));
}

/** The registry's answer to a recorded submission, or why it cannot be read. */
export function registryResponseOf(
  ex: Exchange,
): { status: string; errors: { errorCode: string; codeContext: string; severity: string }[] } | string {
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
