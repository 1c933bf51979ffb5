// MHD Document Source: ITI-65 Provide Document Bundle to any FHIR base, with fhir-kit-client.
// bundleFromSubmission() turns the XDS fixture of a submission into the equivalent Bundle
// (same mapping table as the responder), so one test input drives both protocols.
import { createHash, randomUUID } from 'node:crypto';
import type { Binary, Bundle, BundleEntry, DocumentReference } from 'fhir/r4.js';
import { Client } from 'fhir-kit-client';
import type { Exchange } from '../../model/exchange.ts';
import type { SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { MHD_SD, OID_SYSTEMS, cxToIdentifier, toDocumentReference, toList, type SystemTable } from '../../protocols/fhir/index.ts';
import { documentEntryRecord } from '../xds/extract.ts';
import { fhirHttps, httpsStatusOf, usesTls, type FhirSecurity } from './fhir-https.ts';
import { recordedCall, type FhirResult } from './mhd-exchange.ts';

export const PROVIDE_BUNDLE_PROFILE = `${MHD_SD}/IHE.MHD.Comprehensive.ProvideBundle`;

/** POST [base] with a transaction Bundle (ITI-65); `sec` adds TLS options and headers (IUA token). */
export async function provideDocumentBundle(
  base: string,
  bundle: Bundle,
  record: (e: Exchange) => void,
  sec?: FhirSecurity,
): Promise<FhirResult<Bundle>> {
  const body = JSON.stringify(bundle);
  return recordedCall(
    { transaction: 'ITI-65', method: 'POST', url: base, body },
    (noteTls) =>
      (usesTls(base, sec)
        ? fhirHttps({ method: 'POST', url: base, body }, sec, noteTls)
        : new Client({ baseUrl: base, ...(sec?.headers ? { customHeaders: sec.headers } : {}) }).transaction({
            body: bundle as never,
          })) as unknown as Promise<Bundle>,
    (r) => httpsStatusOf(r) ?? Client.httpFor(r as never).response?.status ?? 200,
    record,
  );
}

/** The ITI-65 Bundle of an XDS submission: List, DocumentReferences and Binaries, urn:uuid fullUrls. */
export function bundleFromSubmission(req: SubmitObjectsRequest, systems: SystemTable = OID_SYSTEMS): Bundle {
  const ss = req.objects.submissionSets[0];
  if (!ss) throw new Error('the submission has no SubmissionSet');
  const urn = () => `urn:uuid:${randomUUID()}`;
  const entries: BundleEntry[] = [];
  const docEntries: BundleEntry[] = [];
  for (const de of req.objects.documentEntries) {
    const content = req.documents?.find((d) => d.id === de.id)?.content;
    const dr: DocumentReference = toDocumentReference(de, systems);
    delete dr.identifier;
    dr.subject = { identifier: cxToIdentifier(documentEntryRecord(de, ss.id).patientId) };
    const drUrl = urn();
    if (content) {
      const binUrl = urn();
      const att = dr.content[0]!.attachment;
      att.url = binUrl;
      att.hash = createHash('sha1').update(content).digest('base64');
      att.size = content.byteLength;
      const binary: Binary = {
        resourceType: 'Binary',
        contentType: de.mimeType ?? 'application/octet-stream',
        data: Buffer.from(content).toString('base64'),
      };
      docEntries.push({ fullUrl: binUrl, resource: binary, request: { method: 'POST', url: 'Binary' } });
    }
    entries.push({ fullUrl: drUrl, resource: dr, request: { method: 'POST', url: 'DocumentReference' } });
  }
  const list = toList(ss, systems);
  // The recipient assigns the entryUUID: only the uniqueId travels.
  list.identifier = list.identifier?.filter((i) => i.use === 'usual');
  list.meta = { profile: [`${MHD_SD}/IHE.MHD.Comprehensive.SubmissionSet`] };
  list.entry = entries.map((e) => ({ item: { reference: e.fullUrl! } }));
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    meta: { profile: [PROVIDE_BUNDLE_PROFILE] },
    entry: [{ fullUrl: urn(), resource: list, request: { method: 'POST', url: 'List' } }, ...entries, ...docEntries],
  };
}
