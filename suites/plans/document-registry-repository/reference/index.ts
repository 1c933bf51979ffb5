// The reference Document Registry and Repository: our XDS simulator (simulators/xds, SQLite in
// the data folder, strict) that knows one patient of the affinity domain, behind a proxy that
// a broken variant uses to make one mistake (defects.ts).
import { metadataValidator } from '../../../../simulators/xds/metadata-validator.ts';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../../../../simulators/store/open-store.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../../../../simulators/xds/config.ts';
import { startXds, XDS_PATHS } from '../../../../simulators/xds/server.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { rewriteOf, STORE_DEFECTS, type DefectId } from './defects.ts';
import { storeWithDefect } from './store-defects.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { xdsAuditHook } from '../../../../simulators/xds/audit.ts';
import { startReferenceAudit } from '../../common/audit-reference.ts';

export const PLAN_ID = 'document-registry-repository';
const ISSUER = '1.3.6.1.4.1.21367.13.20.3000';
const PATIENT = 'MCWG-REG-0001';

/** `tls: false` serves plain HTTP (bench/tls-overhead.bench.ts compares the two); its TLS tests are then not tested. */
export async function startReferenceRegistry(opts: { dataDir: string; defect?: DefectId; tls?: boolean }): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  const store = await openStore(`sqlite:${join(dataDir, 'registry.sqlite')}`);
  const stops: (() => Promise<void>)[] = [() => store.close()];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const config = xdsConfig({
      knownPatients: new Set([`${PATIENT}^^^&${ISSUER}&ISO`]),
      strictness: 'strict',
      validate: metadataValidator({ readDocuments: false }),
      acceptAnyPatient: defect === 'accept-unknown-patient',
    });
    // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
    const tls = opts.tls === false ? undefined : await referenceTls(join(dataDir, 'pki'), tlsWeaknessOf(defect));
    // Its audits (SEC-003/SEC-004) go to the run's Audit Record Repository.
    const audit = await startReferenceAudit({
      name: 'reference-registry',
      ...(tls ? { pkiDir: join(dataDir, 'pki') } : {}),
      ...(defect ? { defect } : {}),
    });
    stops.push(() => audit.stop());
    const xds = await startXds({
      ...(audit.sender
        ? {
            onExchange: xdsAuditHook(audit.sender, { auditSourceId: 'reference-registry', ...(audit.fault ? { fault: audit.fault } : {}) }),
          }
        : {}),
      store: defect && STORE_DEFECTS.has(defect) ? storeWithDefect(store, defect) : store,
      config,
    });
    stops.push(() => xds.stop());
    const proxy = await startProxy(xds.url, rewriteOf(defect), tls?.server);
    stops.push(() => proxy.stop());
    const sut: SutProfile = {
      name: `mcwg reference Document Registry and Repository${defect ? ` (defect: ${defect})` : ''}`,
      roles: ['Document Repository', 'Document Registry'],
      options: ['XDS-I.b'],
      endpoints: { registry: `${proxy.url}${XDS_PATHS.registry}`, repository: `${proxy.url}${XDS_PATHS.repository}` },
      aeTitles: {},
      patientIdDomains: [{ name: 'reference affinity domain', issuer: ISSUER, patients: [PATIENT] }],
      oids: { repositoryUniqueId: DEFAULT_REPOSITORY_UID },
      audit: audit.profile,
      ...(tls ? { tls: tls.profile } : {}),
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators: { audit: audit.repository }, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
