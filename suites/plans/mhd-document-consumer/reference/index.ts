// The reference MHD Document Consumer: starts the plan's seeded simulators (registry, WADO-RS
// source, MHD responder) and, in the background as a real viewer would while the tester
// watches, finds and opens the target study (consumer.ts), sending its search again over TLS to
// the plan's TLS servers, verifying their certificates against its deployment CA and presenting
// its own (mutual TLS) as a client must. It audits each ITI-67 and ITI-68 it makes to the run's
// Audit Record Repository over mutual TLS. With a defect it makes one mistake.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { auditEachExchange } from '../../../../simulators/audit/sender.ts';
import { startReferenceAudit } from '../../common/audit-reference.ts';
import { tlsClientOptions } from '../../../../simulators/tls/options.ts';
import { referenceTls } from '../../../reference-sut/reference-tls.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { seededOf } from '../../common/imaging-consumer/seeded-xds.ts';
import { IDC_DOMAIN } from '../../common/imaging-consumer/seed.ts';
import { startPlanSimulators } from '../simulators.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { consume } from './consumer.ts';
import type { DefectId } from './defects.ts';

export const PLAN_ID = 'mhd-document-consumer';

export async function startReferenceMhdConsumer(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  await mkdir(opts.dataDir, { recursive: true });
  // The deployment PKI: the plan's TLS servers present its certificates, the consumer trusts its CA.
  const tls = (await referenceTls(join(opts.dataDir, 'pki'))).profile;
  const simulators = await startPlanSimulators({ dataDir: opts.dataDir, sut: { tls } });
  const clientTls: ConnectionOptions = {
    ...tlsClientOptions({ tlsCa: tls.ca, tlsCert: tls.client!.cert, tlsKey: tls.client!.key }),
    servername: tls.servername!,
    // The defects: any server certificate will do (SEC-002); TLS 1.0 and 1.1 will do (SEC-001).
    ...(opts.defect === 'accepts-any-server-cert' ? { rejectUnauthorized: false } : {}),
    ...(opts.defect === 'accepts-legacy-tls' ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
  };
  // It audits each search (as the query's source) and each retrieve (as the document's destination).
  const audit = await startReferenceAudit({
    name: 'reference-mhd-consumer',
    pkiDir: join(opts.dataDir, 'pki'),
    ...(opts.defect ? { defect: opts.defect } : {}),
  });
  simulators.audit = audit.repository;
  const auditOf =
    audit.sender &&
    auditEachExchange(audit.sender, {
      auditSourceId: 'mcwg-reference-mhd-consumer',
      side: (tx) => (tx === 'ITI-68' ? 'destination' : 'source'),
      ...(audit.fault ? { fault: audit.fault } : {}),
    });
  const overTls = Object.values(TRAP_KEYS).map((k) => ({ fhir: `${simulators[k]!.url}/fhir`, tls: clientTls }));
  const seeded = seededOf(simulators)!;
  const [target, , mr] = seeded.studies;
  const running = consume(
    {
      fhir: simulators.mhd!.url,
      wado: simulators.wado!.url,
      patientToken: `urn:oid:${IDC_DOMAIN.issuerOid}|${IDC_DOMAIN.patientId}`,
      targetUid: target!.manifestUid,
      decoyUid: mr!.manifestUid,
      studyUid: target!.study.studyInstanceUid,
    },
    opts.defect,
    overTls,
    (e) => auditOf?.(e),
  ).catch(() => undefined);
  const sut: SutProfile = {
    name: `mcwg reference MHD Document Consumer${opts.defect ? ` (defect: ${opts.defect})` : ''}`,
    roles: ['Imaging Document Consumer'],
    options: ['MHD'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: [{ name: 'consumer plan', issuer: IDC_DOMAIN.issuerOid, patients: [IDC_DOMAIN.patientId] }],
    oids: {},
    tls,
    audit: audit.profile,
  };
  let stopped: Promise<void> | undefined;
  const stopAll = async () => {
    await running;
    await audit.stop();
    for (const s of Object.values(simulators)) await s.stop().catch(() => undefined);
  };
  return { sut, simulators, stop: () => (stopped ??= stopAll()) };
}
