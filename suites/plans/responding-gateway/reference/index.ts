// The reference Responding Gateway: our XCA responding gateway (simulators/xca) in front of one
// community's registry/repository (SQLite in the data folder), seeded with one document for
// the profile's patient through the community's own ITI-41, and a one-instance study with its
// manifest (RAD-68) for RAD-75, behind a proxy that a broken
// variant uses to make one mistake (defects.ts).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { provideAndRegister } from '../../../../simulators/clients/xds-source.ts';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import { openStore } from '../../../../simulators/store/open-store.ts';
import { communityXdsSimulator, localPaths, respondingGatewaySimulator, respondingPaths } from '../../../../simulators/xca/server.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../../../../simulators/xds/config.ts';
import { indexFolder } from '../../../../simulators/wado-rs/store.ts';
import { buildManifest } from '../../../../fixtures/builders/kos.ts';
import { scanStudy } from '../../../../fixtures/builders/kos-scan.ts';
import { buildStudy } from '../../../../fixtures/builders/study.ts';
import { seededUid } from '../../../../fixtures/builders/uids.ts';
import { writePart10 } from '../../../../protocols/dicom/writer.ts';
import { kosSubmission } from '../../common/kos-submission.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';
import { auditEachExchange } from '../../../../simulators/audit/sender.ts';
import type { Exchange } from '../../../../model/exchange.ts';
import { startReferenceAudit } from '../../common/audit-reference.ts';
import { rewriteOf, type DefectId } from './defects.ts';

const HOME_OID = '1.3.6.1.4.1.21367.13.70.1';
const ISSUER = '1.3.6.1.4.1.21367.13.20.3000';
const PATIENT = 'MCWG-XCA-0001';
const NAME = 'community-a';
const SOURCE_ID = '1.3.6.1.4.1.21367.13.72.1';

/** One small CT series served by RAD-69 inside the community, and its manifest (Retrieve Location: the repository). */
async function seedImages(dir: string) {
  await buildStudy(dir, { instances: 1, rows: 8, columns: 8, seed: 'mcwg-rg', patientId: PATIENT, issuer: 'MCWG' });
  const study = scanStudy(dir, { patientIssuerOid: ISSUER }).study;
  if (!study) throw new Error(`reference gateway: no study read back from ${dir}`);
  const manifestUid = seededUid('mcwg-rg', 'manifest');
  const manifest = writePart10(
    buildManifest(study, {
      retrieveBase: 'http://127.0.0.1/wado-rs',
      retrieveLocationUid: DEFAULT_REPOSITORY_UID,
      sopInstanceUid: manifestUid,
      seriesInstanceUid: seededUid('mcwg-rg', 'manifest-series'),
      contentDate: study.studyDate,
      contentTime: '120000',
    }),
  );
  return { store: await indexFolder(dir), manifest: { study, manifest, manifestUid } };
}

export async function startReferenceGateway(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  const store = await openStore(`sqlite:${join(dataDir, 'community-a.sqlite')}`);
  const stops: (() => Promise<void>)[] = [() => store.close()];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const patientCx = `${PATIENT}^^^&${ISSUER}&ISO`;
    const imaging = await seedImages(join(dataDir, 'images'));
    const config = xdsConfig({ knownPatients: new Set([patientCx]), strictness: 'strict', imaging: imaging.store });
    // Its audits (SEC-003/004) go to the run's Audit Record Repository once the PKI exists (below).
    let auditOf: ((e: Exchange) => void) | undefined;
    const running = await startSimulators({
      onExchange: (_sim, e) => auditOf?.(e),
      plugins: [
        respondingGatewaySimulator({ name: NAME, homeCommunityId: `urn:oid:${HOME_OID}`, store, config }),
        communityXdsSimulator({ name: NAME, store, config }),
      ],
    });
    stops.push(() => running.stop());
    const seeded = await provideAndRegister(
      `${running.url}${localPaths(NAME).repository}`,
      buildSubmission({ patientCx }).request,
      () => undefined,
    );
    if (seeded.response?.status !== STATUS.success)
      throw new Error(`seeding the reference community failed: ${seeded.call.ok ? seeded.response?.status : seeded.call.error}`);
    // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
    const tls = await referenceTls(join(opts.dataDir, 'pki'), tlsWeaknessOf(defect));
    // The study's manifest, so RAD-75 has an instance to retrieve (the RAD-69 option).
    const kos = await provideAndRegister(
      `${running.url}${localPaths(NAME).repository}`,
      kosSubmission({ ...imaging.manifest, patientCx, sourceId: SOURCE_ID, n: 2 }),
      () => undefined,
      'RAD-68',
    );
    if (kos.response?.status !== STATUS.success)
      throw new Error(`seeding the reference manifest failed: ${kos.call.ok ? JSON.stringify(kos.response?.errors) : kos.call.error}`);
    // Audited from here on: the seeding above is the community's own work, not the gateway's.
    const audit = await startReferenceAudit({
      name: 'reference-responding-gateway',
      pkiDir: join(opts.dataDir, 'pki'),
      ...(defect ? { defect } : {}),
    });
    stops.push(() => audit.stop());
    const sender = audit.sender;
    if (sender)
      auditOf = auditEachExchange(sender, {
        auditSourceId: 'reference-responding-gateway',
        // The gateway is the data's source for ITI-39 and RAD-75 (Export); ITI-38 is a Query.
        side: 'source',
        ...(audit.fault ? { fault: audit.fault } : {}),
      });
    const proxy = await startProxy(running.url, rewriteOf(defect), tls.server);
    stops.push(() => proxy.stop());
    const paths = respondingPaths(NAME);
    const sut: SutProfile = {
      name: `mcwg reference Responding Gateway${defect ? ` (defect: ${defect})` : ''}`,
      roles: ['Responding Gateway'],
      options: ['XCA', 'RAD-69'],
      endpoints: { xcaQuery: `${proxy.url}${paths.query}`, xcaRetrieve: `${proxy.url}${paths.retrieve}` },
      aeTitles: {},
      patientIdDomains: [{ name: 'community A affinity domain', issuer: ISSUER, patients: [PATIENT] }],
      tls: tls.profile,
      oids: { homeCommunityId: HOME_OID },
      audit: audit.profile,
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators: { audit: audit.repository }, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
