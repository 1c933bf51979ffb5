// The reference Imaging Document Source: a conformant SUT built from our own parts, for the
// quick start (`mcwg run --reference`) and to prove the plan. Started, it
//  1. builds a small synthetic study with a key-image note (fixtures/builders),
//  2. serves it from its own WADO-RS source (simulators/wado-rs),
//  3. publishes the XDS-I.b manifest by RAD-68 (simulators/clients/xds-source) to our
//     registry/repository simulator (simulators/xds, SQLite in the data folder),
//  4. then, as the plan's negative test asks, submits a manifest for a patient the affinity
//     domain does not know (the registry must answer XDSUnknownPatientId),
//  5. and sends that one again over TLS to each of the plan's TLS servers (unknown CA, expired,
//     valid), verifying their certificates against its deployment CA as a client must.
// With a defect (defects.ts) it makes one mistake, so the plan must fail on exactly it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Exchange } from '../../../../model/exchange.ts';
import { writePart10 } from '../../../../protocols/dicom/writer.ts';
import { seededUid } from '../../../../fixtures/builders/uids.ts';
import { provideAndRegister } from '../../../../simulators/clients/xds-source.ts';
import { XDS_PATHS } from '../../../../simulators/xds/server.ts';
import { startWadoRs } from '../../../../simulators/wado-rs/index.ts';
import { startPlanSimulators } from '../simulators.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { buildSourceStudy, buildWadoFolder, DOMAIN, manifestDataSet, SEED } from '../../../reference-sut/artefacts.ts';
import { manifestWithDefect, submissionWithDefect, WRONG_FORMAT, type DefectId } from './defects.ts';
import { cx, kosSubmission } from '../../common/kos-submission.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { referenceTls } from '../../../reference-sut/reference-tls.ts';
import { tlsClientOptions } from '../../../../simulators/tls/options.ts';
import type { ConnectionOptions } from 'node:tls';
import { auditEachExchange } from '../../../../simulators/audit/sender.ts';
import { startReferenceAudit } from '../../common/audit-reference.ts';

export const PLAN_ID = 'imaging-document-source';
/** The patient of the negative test: in the domain's namespace, never registered. */
export const UNKNOWN_PATIENT = 'MCWG-UNKNOWN-9';
const SOURCE_ID = '2.999.1.30';
const DOMAINS: SutProfile['patientIdDomains'] = [
  { name: 'reference affinity domain', issuer: DOMAIN.issuerOid, namespace: DOMAIN.issuerLabel, patients: [DOMAIN.patientId] },
];

export interface ReferenceOptions {
  dataDir: string;
  defect?: DefectId;
}

export async function startReferenceSut(opts: ReferenceOptions): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  const source = join(dataDir, 'source');
  const study = await buildSourceStudy(source);
  const last = study.files[study.files.length - 1]!;
  await buildWadoFolder(source, join(dataDir, 'wado'), study, new Set(defect === 'wado-drops-instance' ? [last] : []));

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const wado = await startWadoRs({ dataDir: join(dataDir, 'wado') });
    stops.push(() => wado.stop());
    const patientCx = cx(DOMAIN.patientId, DOMAIN.issuerOid);
    // The deployment PKI: our TLS servers present its certificates, the SUT trusts its CA.
    const tls = (await referenceTls(join(dataDir, 'pki'))).profile;
    const simulators = await startPlanSimulators({ dataDir, sut: { patientIdDomains: DOMAINS, tls } });
    for (const sim of Object.values(simulators)) stops.push(() => sim.stop());
    const xds = simulators.xds!;
    const clientTls: ConnectionOptions = {
      ...tlsClientOptions({ tlsCa: tls.ca, tlsCert: tls.client!.cert, tlsKey: tls.client!.key }),
      servername: tls.servername!,
      // The defects: any server certificate will do (SEC-002); TLS 1.0 and 1.1 will do (SEC-001).
      ...(defect === 'accepts-any-server-cert' ? { rejectUnauthorized: false } : {}),
      ...(defect === 'accepts-legacy-tls' ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
    };
    // It audits each RAD-68 it sends (Export, as the source) to the run's Audit Record Repository.
    const audit = await startReferenceAudit({
      name: 'reference-imaging-source',
      pkiDir: join(dataDir, 'pki'),
      ...(defect ? { defect } : {}),
    });
    stops.push(() => audit.stop());
    simulators.audit = audit.repository;
    const auditOf =
      audit.sender &&
      auditEachExchange(audit.sender, { auditSourceId: SOURCE_ID, side: 'source', ...(audit.fault ? { fault: audit.fault } : {}) });

    const manifestUid = seededUid(SEED, 'manifest');
    const manifest = writePart10(
      manifestWithDefect(manifestDataSet(study, wado.base), defect, `${new URL(wado.base).origin}/old-pacs/dicom-web`),
    );
    const repository = `${xds.url}${XDS_PATHS.repository}`;
    const sent: Exchange[] = [];
    const record = (e: Exchange) => {
      sent.push(e);
      auditOf?.(e);
    };
    const submit = (n: number, patient: string, to = repository) =>
      provideAndRegister(
        to,
        submissionWithDefect(
          kosSubmission({
            study: study.study,
            manifest,
            manifestUid: n === 1 ? manifestUid : seededUid(SEED, 'manifest', n),
            patientCx: patient,
            sourceId: SOURCE_ID,
            n,
            ...(defect === 'wrong-format-code' ? { formatCode: WRONG_FORMAT } : {}),
          }),
          defect,
        ),
        record,
        'RAD-68',
        to.startsWith('https:') ? clientTls : undefined,
      );
    // Published in the background, as a real SUT would while the tester watches.
    const publishing = (async () => {
      await submit(1, patientCx);
      await submit(2, cx(UNKNOWN_PATIENT, DOMAIN.issuerOid));
      // Again over TLS, to each of the plan's TLS servers in the order its steps ask.
      for (const key of Object.values(TRAP_KEYS))
        await submit(2, cx(UNKNOWN_PATIENT, DOMAIN.issuerOid), `${simulators[key]!.url}${XDS_PATHS.repository}`);
    })().catch(() => undefined);
    stops.push(() => publishing);

    const sut: SutProfile = {
      name: `mcwg reference Imaging Document Source${defect ? ` (defect: ${defect})` : ''}`,
      roles: ['Imaging Document Source'],
      options: ['XDS-I.b'],
      endpoints: { wadoRs: wado.base },
      aeTitles: {},
      patientIdDomains: DOMAINS,
      oids: { sourceId: SOURCE_ID, retrieveLocationUid: seededUid(SEED, 'location') },
      // Its WADO-RS simulator serves plain http on 127.0.0.1.
      localTestSetup: true,
      audit: audit.profile,
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
