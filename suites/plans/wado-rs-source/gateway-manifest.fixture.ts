// Test support: the MCWG gateway arrangement (GW-010, KOS-033) for a folder of images that
// carry the PACS's local Patient ID: a manifest with the national ID in (0010,0020) and both
// the national and the local ID in Other Patient IDs (0010,1002).
import { buildManifest } from '../../../fixtures/builders/kos.ts';
import { toBytes } from '../../../fixtures/builders/kos-fixtures.ts';
import { scanStudy } from '../../../fixtures/builders/kos-scan.ts';
import { seededUid } from '../../../fixtures/builders/uids.ts';

export const NATIONAL = { id: '1234567890123', issuerOid: '1.2.250.1.213.1.4.8', issuerLabel: 'NATIONAL' };
export const LOCAL_ISSUER_OID = '1.2.250.1.999.1';

export function gatewayManifest(
  studyDir: string,
  wadoBase: string,
  opts: { localId?: string } = {},
): { bytes: Buffer; sopInstanceUid: string; studyInstanceUid: string } {
  const study = scanStudy(studyDir, { patientIssuerOid: LOCAL_ISSUER_OID, accessionIssuerOid: '1.2.250.1.999.4' }).study;
  if (!study) throw new Error(`${studyDir}: no study`);
  const local = { id: opts.localId ?? study.patient.id, issuerOid: study.patient.issuerOid || LOCAL_ISSUER_OID };
  study.patient = NATIONAL;
  study.otherPatientIds = [{ id: NATIONAL.id, issuerOid: NATIONAL.issuerOid }, local];
  const sopInstanceUid = seededUid(study.studyInstanceUid, 'gateway-manifest');
  const ds = buildManifest(study, {
    retrieveBase: wadoBase,
    retrieveLocationUid: seededUid(wadoBase, 'location'),
    sopInstanceUid,
    seriesInstanceUid: seededUid(study.studyInstanceUid, 'gateway-manifest-series'),
  });
  return { bytes: toBytes(ds), sopInstanceUid, studyInstanceUid: study.studyInstanceUid };
}
