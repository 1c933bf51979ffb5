// The reference WADO-RS source: our WADO-RS simulator serving a small synthetic study with its
// key-image note and XDS-I.b manifest (the same builders as the reference Imaging Document
// Source). With a defect (defects.ts) it makes one mistake, so the plan must fail on exactly it.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { buildStudy } from '../../../../fixtures/builders/study.ts';
import { join } from 'node:path';
import { writePart10 } from '../../../../protocols/dicom/writer.ts';
import { withChanges } from '../../../../fixtures/builders/kos-edit.ts';
import { wadoRsSimulator } from '../../../../simulators/wado-rs/index.ts';
import { indexFolder } from '../../../../simulators/wado-rs/store.ts';
import { startAlone } from '../../../../simulators/kit/start.ts';
import { dicomWebAccess, requireBearer } from '../../../../simulators/auth/guard.ts';
import { generateSigningKey, issueToken } from '../../../../simulators/auth/index.ts';
import { createLocalJWKSet, decodeJwt } from 'jose';
import type { Faults } from '../../../../simulators/wado-rs/faults.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { buildSourceStudy, buildWadoFolder, DOMAIN, manifestDataSet } from '../../../reference-sut/artefacts.ts';
import type { DefectId } from './defects.ts';
import { startDefectProxy } from './proxy.ts';
import { writePki } from '../../../../fixtures/builders/pki.ts';
import { tlsServerOptions } from '../../../../simulators/tls/options.ts';
import type { TlsOptions } from 'node:tls';
import { TagKey } from '../../../../protocols/dicom/tags.generated.ts';
import { wadoAuditHook } from '../../../../simulators/wado-rs/audit.ts';
import { startReferenceAudit } from '../../common/audit-reference.ts';

export const PLAN_ID = 'wado-rs-source';
/** Where the manifest says the images are; this plan retrieves from the profile's endpoint. */
const MANIFEST_BASE = 'http://reference-sut.invalid/dicom-web';

const STREAM_PART_DELAY_MS = 40;

const FAULTS: Partial<Record<DefectId, Faults>> = {
  outage: { outage: true },
  // Past the first instance (about 1.5 KB each) so the first parts are whole and the break shows.
  'truncated-multipart': { truncateAfterBytes: 600 },
};

export async function startReferenceWadoRs(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  const source = join(dataDir, 'source');
  const wadoDir = join(dataDir, 'wado');
  const study = await buildSourceStudy(source);
  const last = study.files[study.files.length - 1]!;
  await buildWadoFolder(source, wadoDir, study, new Set(defect === 'drops-instance' ? [last] : []));
  let manifest = manifestDataSet(study, MANIFEST_BASE);
  // Another patient throughout: an image matches the manifest's Patient ID or any Other Patient IDs item (GW-010).
  if (defect === 'wrong-patient-id') {
    const others = (manifest[TagKey.OtherPatientIDsSequence]?.value as unknown[] | undefined) ?? [];
    manifest = withChanges(manifest, {
      [TagKey.PatientID]: 'MCWG0002',
      ...Object.fromEntries(others.map((_, k) => [`${TagKey.OtherPatientIDsSequence}[${k}]>${TagKey.PatientID}`, `MCWG0002-${k}`])),
    });
  }
  await writeFile(join(wadoDir, 'kin', 'manifest.dcm'), writePart10(manifest));
  // Another study of the same patient, which a search confined to one study never shows (SEC-009).
  if (defect === 'qido-across-studies') {
    const other = join(wadoDir, 'other-study');
    await buildStudy(other, {
      instances: 1,
      rows: 16,
      columns: 16,
      seed: 'mcwg-reference-sut-other-study',
      patientId: DOMAIN.patientId,
      issuer: DOMAIN.issuerLabel,
      accessionNumber: 'ACC0002',
    });
    await rm(join(other, 'study.json'));
  }

  const proxied =
    defect === 'accepts-bogus-syntax' ||
    defect === 'wrong-content-type' ||
    defect === 'malformed-uid-404' ||
    defect === 'overload-500' ||
    defect === 'buffers-body';
  // TLS on (SEC-001, SEC-002): a test PKI of its own, mutual TLS with it. The defect proxy
  // speaks plain HTTP, so its variants run without TLS (their TLS tests are then not tested).
  const pkiDir = join(dataDir, 'pki');
  const tls = proxied ? undefined : await referenceTls(pkiDir, defect);
  // IUA (SEC-005 to SEC-009): tokens from a signing key of its own, checked by the kit's guard.
  const { key } = await generateSigningKey('ES256');
  const audience = 'mcwg-reference-wado-rs';
  const token = (patient: string, study: string) =>
    issueToken(
      key,
      { iss: 'mcwg-reference-authz', sub: 'tester', aud: audience, scope: 'user/ImagingStudy.read', patient, study: [study] },
      { expiresIn: 3600 },
    );
  const store = await indexFolder(wadoDir);
  // A slow disk throughout (STREAM_PART_DELAY_MS before each instance), so a study retrieve
  // lasts long enough for the streaming check (WADO-016) to tell streaming from buffering.
  const plugin = wadoRsSimulator({ store, faults: { partDelayMs: STREAM_PART_DELAY_MS, ...(defect ? FAULTS[defect] : {}) } });
  // The rights to the manifest give its images (SEC-007): a token granting the manifest document
  // opens the study the manifest references. The guard still verifies that token (signature,
  // expiry, audience) after this reads its claim.
  const manifestUid = String(manifest[TagKey.SOPInstanceUID]?.value?.[0] ?? '');
  const grantsManifest = (authorization: string | undefined): boolean => {
    try {
      const claims = decodeJwt(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '');
      return Array.isArray(claims.document) && claims.document.includes(manifestUid);
    } catch {
      return false;
    }
  };
  const access = (req: Parameters<typeof dicomWebAccess>[0]): ReturnType<typeof dicomWebAccess> => {
    const params = (req.params ?? {}) as { series?: string; study?: string };
    if (defect === 'series-needs-own-grant' && params.series) return { refuse: 'the token grants the study, not its series', status: 403 };
    if (defect !== 'manifest-grant-ignored' && params.study === study.study.studyInstanceUid && grantsManifest(req.headers.authorization))
      return {};
    // A search across studies needs only a valid token: the single-study scope is gone.
    if (defect === 'qido-across-studies' && !params.study) return {};
    return dicomWebAccess(req, (s) => store.studies.has(s));
  };
  const guarded =
    defect === 'ignores-token' ? plugin : requireBearer(plugin, { verifier: { keys: createLocalJWKSet(key.jwks), audience }, access });
  // Its RAD-107 audits go to the run's Audit Record Repository, over mutual TLS when it has TLS.
  const audit = await startReferenceAudit({ name: 'reference-wado-rs', ...(defect ? { defect } : {}), ...(tls ? { pkiDir } : {}) });
  const sender = audit.sender;
  const wado = await startAlone(guarded, {
    ...(tls ? { tls } : {}),
    ...(sender
      ? { onExchange: wadoAuditHook(sender, store, { auditSourceId: 'reference-wado-rs', ...(audit.fault ? { fault: audit.fault } : {}) }) }
      : {}),
  }).catch(async (err: unknown) => {
    await audit.stop();
    throw err;
  });
  const proxy = proxied
    ? await startDefectProxy(wado.url, defect).catch(async (err: unknown) => {
        await wado.stop();
        await audit.stop();
        throw err;
      })
    : undefined;
  const base = proxy ? `${proxy.url}/dicom-web` : wado.base;
  const sut: SutProfile = {
    name: `mcwg reference WADO-RS Source${defect ? ` (defect: ${defect})` : ''}`,
    roles: ['WADO-RS Source'],
    options: [],
    endpoints: { wadoRs: base },
    aeTitles: {},
    patientIdDomains: [],
    oids: { studyInstanceUid: study.study.studyInstanceUid },
    audit: audit.profile,
    auth: {
      token: await token('MCWG0001', study.study.studyInstanceUid),
      otherPatientToken: await token('MCWG-OTHER', '2.25.1234567890'),
      // What a consumer holds after ITI-68 of the manifest: the document, not the study.
      manifestToken: await issueToken(
        key,
        {
          iss: 'mcwg-reference-authz',
          sub: 'tester',
          aud: audience,
          scope: 'user/ImagingStudy.read',
          patient: 'MCWG0001',
          document: [manifestUid],
        },
        { expiresIn: 3600 },
      ),
    },
    ...(tls
      ? {
          tls: {
            ca: join(pkiDir, 'ca.crt.pem'),
            client: { cert: join(pkiDir, 'client.crt.pem'), key: join(pkiDir, 'client.key.pem') },
            untrusted: { cert: join(pkiDir, 'untrusted.crt.pem'), key: join(pkiDir, 'untrusted.key.pem') },
            expired: { cert: join(pkiDir, 'expired.crt.pem'), key: join(pkiDir, 'expired.key.pem') },
            servername: 'localhost',
          },
        }
      : {}),
  };
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    await proxy?.stop();
    await wado.stop();
    await audit.stop();
  };
  return { sut, simulators: { audit: audit.repository }, stop: () => (stopped ??= stop()) };
}

/** The reference server's TLS; the TLS defects weaken exactly one property. */
async function referenceTls(pkiDir: string, defect: DefectId | undefined): Promise<TlsOptions> {
  await writePki(pkiDir);
  const files = { tlsCert: join(pkiDir, 'server.crt.pem'), tlsKey: join(pkiDir, 'server.key.pem') };
  // Server authentication only: a client without a certificate (or with any) gets in.
  if (defect === 'tls-no-client-auth') return tlsServerOptions(files)!;
  const mutual = tlsServerOptions({ ...files, tlsCa: join(pkiDir, 'ca.crt.pem') })!;
  // TLS 1.0 and 1.1 accepted, with the CBC suites they need (security level 0 for SHA-1).
  if (defect === 'tls-legacy-versions') return { ...mutual, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' };
  return mutual;
}
