import { describe, expect, test } from 'vitest';
import type { ManifestFacts } from '../../validators/manifest-facts.ts';
import { patientMismatch } from './wado-rs-patient.ts';

const manifest = (): ManifestFacts => ({
  sopInstanceUid: '2.25.1',
  sopClassUid: '1.2.840.10008.5.1.4.1.1.88.59',
  studyInstanceUid: '2.25.2',
  patient: { id: 'NAT1', issuer: 'NATIONAL', issuerOid: '1.2.250.1.213' },
  otherPatientIds: [
    { id: 'NAT1', issuerOid: '1.2.250.1.213' },
    { id: 'LOC9', issuer: 'HOSP', issuerOid: '1.2.3.4' },
  ],
  placerOrderNumbers: [],
  fillerOrderNumbers: [],
  requestedProcedureIds: [],
  procedureCodes: [],
  modalities: [],
  series: [],
});

describe('patient identity of a retrieved instance (GW-010, KOS-033)', () => {
  test('the national ID or a listed local ID with its issuer matches', () => {
    expect(patientMismatch({ patientId: 'NAT1', issuer: 'NATIONAL' }, manifest())).toBeUndefined();
    expect(patientMismatch({ patientId: 'LOC9', issuer: 'HOSP', issuerOid: '1.2.3.4' }, manifest())).toBeUndefined();
    // (0010,0021) is Type 3 on images: an absent issuer is no contradiction.
    expect(patientMismatch({ patientId: 'LOC9' }, manifest())).toBeUndefined();
  });

  test('an unlisted ID, or a listed ID under another issuer, does not match and names both sides', () => {
    expect(patientMismatch({ patientId: 'LOC8', issuer: 'HOSP' }, manifest())).toBe(
      "Patient ID LOC8 (issuer HOSP) is neither the manifest's Patient ID NAT1 (issuer NATIONAL / 1.2.250.1.213) nor one of its Other Patient IDs (0010,1002): NAT1 (issuer 1.2.250.1.213), LOC9 (issuer HOSP / 1.2.3.4)",
    );
    expect(patientMismatch({ patientId: 'LOC9', issuer: 'CLINIC' }, manifest())).toBeDefined();
    expect(patientMismatch({ patientId: 'LOC9', issuerOid: '1.2.3.5' }, manifest())).toBeDefined();
    expect(patientMismatch({}, manifest())).toMatch(/^Patient ID \(none\)/);
  });
});
