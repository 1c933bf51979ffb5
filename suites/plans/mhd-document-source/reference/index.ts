// The reference MHD Document Source: it publishes one manifest Bundle by ITI-65 (built from
// the XDS-I.b fixture submission with MHD coding systems; simulators/clients/mhd-source) to
// our MHD Document Recipient, then, as the plan's negative test asks, one for a patient the
// affinity domain does not know, and that one again over TLS to each of the plan's TLS servers
// (unknown CA, expired, valid, TLS 1.0/1.1 only), verifying their certificates against its
// deployment CA and presenting its own (mutual TLS) as a client must. It audits each ITI-65 it
// sends to the run's Audit Record Repository over mutual TLS. With a defect (defects.ts) it makes
// one mistake.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import type { Exchange } from '../../../../model/exchange.ts';
import { auditEachExchange } from '../../../../simulators/audit/sender.ts';
import { startReferenceAudit } from '../../common/audit-reference.ts';
import { tlsClientOptions } from '../../../../simulators/tls/options.ts';
import { referenceTls } from '../../../reference-sut/reference-tls.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { tableFromSchemes } from '../../../../protocols/fhir/index.ts';
import { bundleFromSubmission, provideDocumentBundle } from '../../../../simulators/clients/mhd-source.ts';
import { loadValueSets } from '../../../../validators/catalogue/value-sets.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';
import { startPlanSimulators } from '../simulators.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { bundleWithDefect, type DefectId } from './defects.ts';
import { FIXTURE } from '../../../../fixtures/builders/ebrim-submission.ts';
import { iidUrl } from '../../../../fixtures/builders/iid-reports.ts';

export const PLAN_ID = 'mhd-document-source';
const ISSUER = '1.3.6.1.4.1.21367.13.20.5000';
const PATIENT = 'MCWG-MHDSRC-1';
const LOCAL = { system: 'urn:oid:1.3.6.1.4.1.21367.13.20.5001', value: 'LOCAL-77' };
const AUDIT_SOURCE_ID = 'mcwg-reference-mhd-source';
const DOMAINS: SutProfile['patientIdDomains'] = [{ name: 'reference affinity domain', issuer: ISSUER, patients: [PATIENT] }];

export async function startReferenceMhdSource(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  // The deployment PKI: the plan's TLS servers present its certificates, the source trusts its CA.
  const tls = (await referenceTls(join(dataDir, 'pki'))).profile;
  const simulators = await startPlanSimulators({ dataDir, sut: { patientIdDomains: DOMAINS, tls } });
  const mhd = simulators.mhd!;
  // It audits each ITI-65 it sends (as the source) to the run's Audit Record Repository.
  const audit = await startReferenceAudit({ name: 'reference-mhd-source', pkiDir: join(dataDir, 'pki'), ...(defect ? { defect } : {}) });
  simulators.audit = audit.repository;
  const auditOf =
    audit.sender &&
    auditEachExchange(audit.sender, { auditSourceId: AUDIT_SOURCE_ID, side: 'source', ...(audit.fault ? { fault: audit.fault } : {}) });
  const record = (e: Exchange) => void auditOf?.(e);
  const table = tableFromSchemes(loadValueSets().schemes);
  const systems = defect === 'oid-coding-systems' ? undefined : table;
  const bundle = (patientCx: string) =>
    bundleWithDefect(bundleFromSubmission(buildSubmission({ patientCx }).request, ...(systems ? [systems] : [])), defect, LOCAL);
  // Published in the background, as a real SUT would while the tester watches: the manifest, the
  // negative test's Bundle, then the study's report (SSV1: with its viewer link).
  // All three are built first, so the posts follow each other closely.
  const bundles = [
    bundle(`${PATIENT}^^^&${ISSUER}&ISO`),
    bundle(`MCWG-UNKNOWN-9^^^&${ISSUER}&ISO`),
    reportBundle(`${PATIENT}^^^&${ISSUER}&ISO`, defect, table),
  ];
  const clientTls: ConnectionOptions = {
    ...tlsClientOptions({ tlsCa: tls.ca, tlsCert: tls.client!.cert, tlsKey: tls.client!.key }),
    servername: tls.servername!,
    // The defects: any server certificate will do (SEC-002); TLS 1.0 and 1.1 will do (SEC-001).
    ...(defect === 'accepts-any-server-cert' ? { rejectUnauthorized: false } : {}),
    ...(defect === 'accepts-legacy-tls' ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
  };
  const publishing = (async () => {
    for (const b of bundles) await provideDocumentBundle(mhd.url, b, record);
    // The unknown patient's Bundle again over TLS, to each of the plan's TLS servers in the order its steps ask.
    for (const key of Object.values(TRAP_KEYS))
      await provideDocumentBundle(`${simulators[key]!.url}/fhir`, bundles[1]!, record, { tls: clientTls });
  })().catch(() => undefined);
  const sut: SutProfile = {
    name: `mcwg reference MHD Document Source${defect ? ` (defect: ${defect})` : ''}`,
    roles: ['MHD Document Source'],
    options: ['MHD', 'SSV1'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: DOMAINS,
    oids: {},
    tls,
    audit: audit.profile,
  };
  const stopAll = async () => {
    await publishing;
    await audit.stop();
    for (const s of Object.values(simulators)) await s.stop().catch(() => undefined);
  };
  let stopped: Promise<void> | undefined;
  return { sut, simulators, stop: () => (stopped ??= stopAll()) };
}

/** A study the report does not reference, for the stray link. */
const OTHER_STUDY = '1.2.826.0.1.3680043.10.1.99';

/** The study's report as an HTML document, its viewer link in the text (MHD metadata cannot carry it). */
function reportBundle(patientCx: string, defect: DefectId | undefined, systems: ReturnType<typeof tableFromSchemes>) {
  const links =
    defect === 'report-without-link'
      ? []
      : defect === 'report-link-other-study'
        ? [iidUrl(FIXTURE.studyUid), iidUrl(OTHER_STUDY)]
        : [iidUrl(FIXTURE.studyUid)];
  const esc = (u: string) => u.replaceAll('&', '&amp;');
  const html = `<!doctype html><html><body><h1>CT chest</h1><p>No acute abnormality.</p>${links
    .map((u) => `<p><a href="${esc(u)}">Open the images</a></p>`)
    .join('')}</body></html>`;
  const built = buildSubmission({ patientCx, bytes: new Uint8Array(Buffer.from(html, 'utf8')) }).request;
  built.objects.documentEntries[0]!.mimeType = 'text/html';
  return bundleFromSubmission(built, systems);
}
