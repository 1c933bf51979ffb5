// The reference MHD Document Recipient / Responder: our MHD simulator (simulators/mhd, SQLite
// in the data folder) knowing one patient, behind a proxy a broken variant uses to make one
// mistake (defects.ts). Its URLs in answers are the proxy's, as a real server's would be.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mhdConfig } from '../../../../simulators/mhd/config.ts';
import { FHIR_BASE_PATH, startMhd } from '../../../../simulators/mhd/index.ts';
import { openStore } from '../../../../simulators/store/open-store.ts';
import { xdsConfig } from '../../../../simulators/xds/config.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { editText, startProxy } from '../../../reference-sut/proxy.ts';
import { referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { generateSigningKey, issueToken } from '../../../../simulators/auth/index.ts';
import { createLocalJWKSet } from 'jose';
import { rewriteOf, type DefectId } from './defects.ts';
import { auditEachExchange } from '../../../../simulators/audit/sender.ts';
import { startReferenceAudit } from '../../common/audit-reference.ts';

export const PLAN_ID = 'mhd-document-responder';
const ISSUER = '1.3.6.1.4.1.21367.13.20.4000';
const PATIENT = 'MCWG-MHD-0001';

/** `tls: false` serves plain HTTP (bench/tls-overhead.bench.ts compares the two); its TLS tests are then not tested. */
export async function startReferenceMhd(opts: { dataDir: string; defect?: DefectId; tls?: boolean }): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  const store = await openStore(`sqlite:${join(dataDir, 'mhd.sqlite')}`);
  const stops: (() => Promise<void>)[] = [() => store.close()];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const config = mhdConfig({
      xds: xdsConfig({
        knownPatients: new Set([`${PATIENT}^^^&${ISSUER}&ISO`]),
        strictness: 'strict',
        acceptAnyPatient: defect === 'accept-unknown-patient',
      }),
    });
    // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
    const tls = opts.tls === false ? undefined : await referenceTls(join(dataDir, 'pki'), tlsWeaknessOf(defect));
    // Its audits go to the run's Audit Record Repository: ITI-65 as Import, ITI-67 as Query, ITI-68 as Export.
    const audit = await startReferenceAudit({
      name: 'reference-mhd',
      ...(tls ? { pkiDir: join(dataDir, 'pki') } : {}),
      ...(defect ? { defect } : {}),
    });
    stops.push(() => audit.stop());
    const onExchange =
      audit.sender &&
      auditEachExchange(audit.sender, {
        auditSourceId: 'reference-mhd',
        side: (tx) => (tx === 'ITI-68' ? 'source' : 'destination'),
        ...(audit.fault ? { fault: audit.fault } : {}),
      });
    // IUA (SEC-005, SEC-006): tokens from a signing key of its own, checked by the kit's guard;
    // a token's patient is the FHIR identifier token ITI-67 searches name.
    const { key } = await generateSigningKey('ES256');
    const audience = 'mcwg-reference-mhd';
    const token = (patient: string) =>
      issueToken(
        key,
        { iss: 'mcwg-reference-authz', sub: 'tester', aud: audience, scope: 'user/DocumentReference.read', patient },
        { expiresIn: 3600 },
      );
    const mhd = await startMhd({
      store,
      config,
      closeStore: false,
      ...(onExchange ? { onExchange } : {}),
      ...(defect === 'ignores-token' ? {} : { auth: { keys: createLocalJWKSet(key.jwks), audience } }),
    });
    stops.push(() => mhd.stop());
    let front = '';
    const inner = rewriteOf(defect, () => `${front}${FHIR_BASE_PATH}`);
    // URLs in the simulator's answers name the proxy, so every call (ITI-68 too) goes through it.
    const proxy = await startProxy(
      mhd.url,
      (q, res, ct, m) => inner(q, ct.includes('json') ? editText(res, (t) => t.replaceAll(mhd.url, front)) : res, ct, m),
      tls?.server,
    );
    stops.push(() => proxy.stop());
    front = proxy.url;
    const base = `${front}${FHIR_BASE_PATH}`;
    const sut: SutProfile = {
      name: `mcwg reference MHD Document Responder${defect ? ` (defect: ${defect})` : ''}`,
      roles: ['MHD Document Recipient', 'MHD Document Responder'],
      options: ['MHD'],
      endpoints: { fhir: base },
      aeTitles: {},
      patientIdDomains: [{ name: 'reference affinity domain', issuer: ISSUER, patients: [PATIENT] }],
      oids: {},
      audit: audit.profile,
      ...(tls ? { tls: tls.profile } : {}),
      auth: { token: await token(`urn:oid:${ISSUER}|${PATIENT}`), otherPatientToken: await token(`urn:oid:${ISSUER}|MCWG-MHD-OTHER`) },
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators: { audit: audit.repository }, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
