// The transactions whose audits the SEC-003/SEC-004 group waits for, one probe per kind of SUT:
// ours performed now against a server role (one of each audited transaction, each recorded as
// the step's evidence), or what our simulator received from a SUT that initiates.
import type { Exchange } from '../../../model/exchange.ts';
import { factsOfExchange } from '../../../simulators/audit/facts.ts';
import { XDS_ACTION } from '../../../protocols/ebrim/constants.ts';
import { slotValues, writeSubmitObjectsRequest, type SubmitObjectsRequest } from '../../../protocols/ebrim/index.ts';
import { slot } from '../../../fixtures/builders/ebrim-objects.ts';
import { callSoap } from '../../../simulators/clients/xds-soap.ts';
import { tableFromSchemes } from '../../../protocols/fhir/index.ts';
import { findDocumentReferences, resourcesOf, retrieveDocument } from '../../../simulators/clients/mhd-consumer.ts';
import { bundleFromSubmission, provideDocumentBundle } from '../../../simulators/clients/mhd-source.ts';
import { param, retrieveDocuments, storedQuery } from '../../../simulators/clients/xds-consumer.ts';
import { provideAndRegister } from '../../../simulators/clients/xds-source.ts';
import { PART10_ACCEPT } from '../../../simulators/clients/wado-rs.ts';
import { getMultipart } from '../../../simulators/clients/wado-rs-exchange.ts';
import { QUERY } from '../../../simulators/xds/stored-query.ts';
import { loadValueSets } from '../../../validators/catalogue/value-sets.ts';
import type { StepContext } from '../../engine/dsl.ts';
import type { AuditProbe } from './audit-steps.ts';
import { clientTls, withClientSecurity } from './client-tls.ts';
import { buildSubmission } from './iti41-submission.ts';

/** The first patient of the profile's affinity domain: `id` and its CX. */
function profilePatient(ctx: StepContext): { id: string; issuer: string; cx: string } {
  const d = ctx.sut.patientIdDomains.find((x) => (x.patients ?? []).length > 0);
  if (!d) throw new Error('the SUT profile lists no patient in patientIdDomains[].patients');
  const id = d.patients![0]!;
  return { id, issuer: d.issuer, cx: `${id}^^^&${d.issuer}&ISO` };
}

/** Only exchanges the SUT answered: an unreachable SUT is the other tests' verdict, not an audit gap. */
const answered = (list: Exchange[]) => list.filter((e) => e.response && !e.unreachable);

/**
 * Document Registry/Repository: ITI-41 of a fresh document, ITI-18 for its patient, ITI-43 of
 * it; and, to a SUT that declares the Document Registry, ITI-42 of another document's metadata
 * as a separate repository would send it (the registry audits it as Import).
 */
export const registryProbe: AuditProbe = async (ctx) => {
  const list: Exchange[] = [];
  const rec = (e: Exchange) => void list.push(e);
  const { registry, repository } = ctx.sut.endpoints;
  const patient = profilePatient(ctx);
  const tls = clientTls(ctx.sut);
  const s = buildSubmission({ patientCx: patient.cx });
  if (repository) await provideAndRegister(repository, s.request, rec, 'ITI-41', tls);
  if (registry && (ctx.sut.roles as string[]).includes('Document Registry')) {
    const { documents: _bytes, ...metadata } = buildSubmission({ patientCx: patient.cx }).request;
    const de = metadata.objects.documentEntries[0]!;
    const repositoryUid = ctx.sut.oids.repositoryUniqueId ?? '1.3.6.1.4.1.21367.2017.2.3.99';
    de.slots = [...de.slots.filter((x) => x.name !== 'repositoryUniqueId'), slot('repositoryUniqueId', repositoryUid)];
    await callSoap(
      {
        url: registry,
        action: XDS_ACTION.register,
        transaction: 'ITI-42',
        bodyXml: writeSubmitObjectsRequest(metadata as SubmitObjectsRequest),
        ...(tls ? { tls } : {}),
      },
      rec,
    );
  }
  let repositoryUid = ctx.sut.oids.repositoryUniqueId;
  if (registry) {
    const q = await storedQuery(
      registry,
      QUERY.FindDocuments,
      [
        { name: '$XDSDocumentEntryPatientId', values: [`'${patient.cx}'`], path: '' },
        param('$XDSDocumentEntryStatus', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'),
      ],
      rec,
      'LeafClass',
      tls,
    );
    const entry = q.response?.objects.documentEntries.find((e) => e.externalIdentifiers.some((x) => x.value === s.uniqueId));
    repositoryUid ??= entry ? slotValues(entry, 'repositoryUniqueId')[0] : undefined;
  }
  if (repository && repositoryUid)
    await retrieveDocuments(repository, [{ documentUniqueId: s.uniqueId, repositoryUniqueId: repositoryUid }], rec, tls);
  return answered(list);
};

/** MHD Document Recipient/Responder: ITI-65 of a fresh document, ITI-67 for its patient, ITI-68 of it. */
export const mhdResponderProbe: AuditProbe = async (ctx) => {
  const list: Exchange[] = [];
  const rec = (e: Exchange) => void list.push(e);
  const base = ctx.sut.endpoints.fhir?.replace(/\/+$/, '');
  if (!base) return [];
  const patient = profilePatient(ctx);
  const sec = withClientSecurity(ctx.sut);
  const s = buildSubmission({ patientCx: patient.cx });
  await provideDocumentBundle(base, bundleFromSubmission(s.request, tableFromSchemes(loadValueSets().schemes)), rec, sec);
  const found = await findDocumentReferences(base, { 'patient.identifier': `urn:oid:${patient.issuer}|${patient.id}` }, rec, {}, sec);
  type Dr = { masterIdentifier?: { value?: string }; content?: { attachment?: { url?: string } }[] };
  const dr = resourcesOf<Dr>(found.resource, 'DocumentReference').find((d) => (d.masterIdentifier?.value ?? '').endsWith(s.uniqueId));
  const url = dr?.content?.[0]?.attachment?.url;
  if (url) await retrieveDocument(new URL(url, `${base}/`).href, rec, '*/*', sec);
  return answered(list);
};

/** WADO-RS Source: one RAD-107 retrieve of the profile's study, read to the end. */
export const wadoProbe: AuditProbe = async (ctx) => {
  const base = ctx.sut.endpoints.wadoRs?.replace(/\/+$/, '');
  const study = ctx.sut.oids.studyInstanceUid;
  if (!base || !study) return [];
  const r = await getMultipart(
    `${base}/studies/${study}`,
    { accept: PART10_ACCEPT, timeoutMs: 60_000, idleTimeoutMs: 15_000, ...withClientSecurity(ctx.sut) },
    async (part) => {
      for await (const _ of part.body as AsyncIterable<Buffer>);
    },
  );
  return r.status === 200 ? [r.exchange] : [];
};

/**
 * A SUT that initiates: the exchanges of `transaction` our simulator `simulator` received from it
 * and answered with success (what the plan's own tests rely on; refused ones come and go with
 * the negative tests, so counting them would make the audit tests depend on their timing).
 */
export function receivedBy(simulator: string, transaction: string): AuditProbe {
  return async (ctx) =>
    answered((ctx.simulators[simulator]?.exchanges() ?? []).filter((e) => e.transaction === transaction && !factsOfExchange(e)?.failed));
}

/**
 * A SUT that initiates each transaction more than once (retries after a 503, a second reading of
 * the manifest): the first exchange of each `[simulator, transaction]` that our simulator answered
 * with success. One exchange per transaction keeps the audit tests' evidence the same from run to
 * run whatever the timing of the rest; each must still be audited.
 */
export function firstReceived(...wanted: readonly (readonly [simulator: string, transaction: string])[]): AuditProbe {
  return async (ctx) => {
    const out: Exchange[] = [];
    for (const [simulator, transaction] of wanted) {
      const [first] = await receivedBy(simulator, transaction)(ctx);
      if (first) out.push(first);
    }
    return out;
  };
}
