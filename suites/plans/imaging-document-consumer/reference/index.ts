// The reference Imaging Document Consumer: the plan's seeded simulators (our registry/
// repository and WADO-RS source) and, in the background, a consumer built from our XDS and
// WADO-RS clients doing what the instructions ask (consumer.ts). With a defect (defects.ts)
// it makes one mistake, so the plan must fail on exactly it. In architecture B (option XCA) the
// same consumer works through our initiating gateway. It audits each query and retrieve it makes
// (Query for ITI-18, Import for ITI-43 and RAD-107) to the run's Audit Record Repository.
import type { RunningSut } from '../../../engine/plan-module.ts';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { auditEachExchange } from '../../../../simulators/audit/sender.ts';
import { tlsClientOptions } from '../../../../simulators/tls/options.ts';
import { startReferenceAudit } from '../../common/audit-reference.ts';
import { seededOf } from '../../common/imaging-consumer/seeded-xds.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { referenceTls } from '../../../reference-sut/reference-tls.ts';
import { startPlanSimulators } from '../simulators.ts';
import { IDC_DOMAIN } from '../../common/imaging-consumer/seed.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { consume } from './consumer.ts';
import type { DefectId } from './defects.ts';

export const PLAN_ID = 'imaging-document-consumer';

/** `xca`: architecture B, the consumer working through our initiating gateway (a defect named xca-… implies it). */
export async function startReferenceConsumer(opts: { dataDir: string; defect?: DefectId; xca?: boolean }): Promise<RunningSut> {
  const xca = opts.xca === true || (opts.defect?.startsWith('xca-') ?? false);
  const options: SutProfile['options'] = xca ? ['XDS-I.b', 'XCA'] : ['XDS-I.b'];
  // The deployment PKI: the plan's TLS servers present its certificates, the consumer trusts its CA.
  const tls = (await referenceTls(join(opts.dataDir, 'pki'))).profile;
  const simulators = await startPlanSimulators({ dataDir: opts.dataDir, sut: { tls, options } });
  const stopSims = async () => {
    for (const s of Object.values(simulators)) await s.stop().catch(() => undefined);
  };
  const seeded = seededOf(simulators);
  if (!seeded) {
    await stopSims();
    throw new Error('reference consumer: the plan simulators are not seeded');
  }
  // Works in the background, as a real consumer would while the tester watches.
  const clientTls: ConnectionOptions = {
    ...tlsClientOptions({ tlsCa: tls.ca, tlsCert: tls.client!.cert, tlsKey: tls.client!.key }),
    servername: tls.servername!,
    // The defects: any server certificate will do (SEC-002); TLS 1.0 and 1.1 will do (SEC-001).
    ...(opts.defect === 'accepts-any-server-cert' ? { rejectUnauthorized: false } : {}),
    ...(opts.defect === 'accepts-legacy-tls' ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
  };
  const overTls = Object.values(TRAP_KEYS).map((k) => ({
    registry: `${simulators[k]!.url}/xds/registry`,
    tls: clientTls,
  }));
  let audit: Awaited<ReturnType<typeof startReferenceAudit>>;
  try {
    audit = await startReferenceAudit({
      name: 'reference-imaging-consumer',
      pkiDir: join(opts.dataDir, 'pki'),
      ...(opts.defect ? { defect: opts.defect } : {}),
    });
  } catch (err) {
    await stopSims();
    throw err;
  }
  simulators.audit = audit.repository;
  const auditOf =
    audit.sender &&
    auditEachExchange(audit.sender, {
      auditSourceId: 'reference-imaging-consumer',
      // The consumer receives the data it retrieves; its queries are audited as Query whatever the side.
      side: 'destination',
      // A WADO-RS URL names only the study; the consumer knows whose it is.
      facts: { patientOfStudy: () => seeded.patientCx },
      ...(audit.fault ? { fault: audit.fault } : {}),
    });
  const working = consume(seeded, opts.defect, overTls, (e) => auditOf?.(e)).catch(() => undefined);
  const sut: SutProfile = {
    name: `mcwg reference Imaging Document Consumer${opts.defect ? ` (defect: ${opts.defect})` : ''}`,
    roles: ['Document Consumer', 'Imaging Document Consumer'],
    options,
    endpoints: {},
    aeTitles: {},
    patientIdDomains: [{ name: 'consumer plan', issuer: IDC_DOMAIN.issuerOid, patients: [IDC_DOMAIN.patientId] }],
    oids: {},
    tls,
    audit: audit.profile,
  };
  let stopped: Promise<void> | undefined;
  return {
    sut,
    simulators,
    stop: () =>
      (stopped ??= (async () => {
        await working;
        await audit.stop();
        await stopSims();
      })()),
  };
}
