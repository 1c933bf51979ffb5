import { describe, expect, test } from 'vitest';
import { conformantManifest, EXAMPLE_MANIFEST_UID, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import { readKos } from './validate.ts';

describe('kosFacts', () => {
  test('extracts what the worked example manifest says', () => {
    const { facts, findings } = readKos(toBytes(conformantManifest()), 'm.dcm');
    expect(findings).toEqual([]);
    expect(facts).toMatchObject({
      sopInstanceUid: EXAMPLE_MANIFEST_UID,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.88.59',
      title: { code: '113030', scheme: 'DCM', display: 'Manifest' },
      patient: { id: '1234567890', issuer: 'NATIONAL-PID', issuerOid: '2.999.1.10.1', issuerOidType: 'ISO' },
      otherPatientIds: [
        { id: '1234567890', issuerOid: '2.999.1.10.1' },
        { id: 'PAT-77', issuerOid: '2.999.1.20.1' },
      ],
      patientName: 'Muster^Erika',
      studyInstanceUid: '2.25.100000000000000000000000000000000001',
      studyDate: '20250310',
      studyTime: '091500',
      accessionNumber: 'ACC-0042',
      accessionIssuerOid: '2.999.1.20.3',
      placerOrderNumbers: ['ORD-9001'],
      modalities: ['CT', 'KO'],
    });
    expect(facts!.series).toHaveLength(3);
    expect(facts!.series[0]).toMatchObject({
      seriesInstanceUid: '2.25.200000000000000000000000000000000001',
      retrieveUrl:
        'https://pacs.hospital-a.example/dicomweb/studies/2.25.100000000000000000000000000000000001/series/2.25.200000000000000000000000000000000001',
      retrieveAeTitle: 'PACS_A',
      instances: [
        { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '2.25.300000000000000000000000000000000301' },
        { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '2.25.300000000000000000000000000000000302' },
      ],
    });
  });

  test('gives no facts and one finding for bytes that are not DICOM', () => {
    const r = readKos(Buffer.from('nope'), 'x.txt');
    expect(r.facts).toBeUndefined();
    expect(r.findings).toMatchObject([{ ruleId: 'kos.part10.structure', severity: 'error' }]);
  });
});
