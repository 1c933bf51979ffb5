import type { DocumentReference } from 'fhir/r4.js';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { kosSubmission, kosSubmissionEnvelope, kosSubmissionMtom } from '../../fixtures/builders/ebrim-kos-submission.ts';
import { conformantProvideBundle } from '../../fixtures/builders/mhd-bundle.ts';
import { toDocumentReference } from '../../protocols/fhir/index.ts';
import { validateSubmission } from './validate-submission.ts';

const notInfo = <T extends { severity: string }>(fs: T[]) => fs.filter((f) => f.severity !== 'info');

describe('validateSubmission', () => {
  test('a conformant RAD-68 MTOM message passes metadata, KOS and consistency clean', async () => {
    const { bytes } = await kosSubmissionMtom();
    expect(notInfo(await validateSubmission(bytes, 'pnr.mime'))).toEqual([]);
  });

  test('a SOAP envelope without MTOM is only warned about', async () => {
    const { xml } = kosSubmissionEnvelope(true);
    const f = notInfo(await validateSubmission(Buffer.from(xml), 'pnr.xml'));
    expect(f.map((x) => [x.ruleId, x.severity])).toEqual([['submission.envelope', 'warning']]);
  });

  test('flags a manifest whose accession differs from the metadata', async () => {
    const { submission } = kosSubmission();
    const ref = submission.objects.documentEntries[0]!.slots.find((s) => s.name === 'urn:ihe:iti:xds:2013:referenceIdList')!;
    ref.values[1] = 'ACC-9999^^^&2.999.1.20.3&ISO^urn:ihe:iti:xds:2013:accession';
    const { writeProvideAndRegister } = await import('../../protocols/ebrim/index.ts');
    const { kos } = kosSubmission();
    submission.documents = [{ id: 'Document01', content: kos, path: '' }];
    const f = await validateSubmission(Buffer.from(writeProvideAndRegister(submission)), 'pnr.xml');
    expect(f.filter((x) => x.ruleId === 'consistency.kos.accession-order').map((x) => x.location.path)).toContain(
      "/xds:ProvideAndRegisterDocumentSetRequest/lcm:SubmitObjectsRequest/rim:RegistryObjectList/rim:ExtrinsicObject[@id='Document01']/rim:Slot[@name='urn:ihe:iti:xds:2013:referenceIdList']/rim:ValueList/rim:Value[2]",
    );
  });

  test('a truncated MTOM message is one clear finding', async () => {
    const { bytes } = await kosSubmissionMtom();
    const f = await validateSubmission(bytes.subarray(0, bytes.length - 200), 'cut.mime');
    expect(f).toMatchObject([{ ruleId: 'submission.mtom.malformed', severity: 'error' }]);
  });

  test('an xop:Include to a missing part is flagged', async () => {
    const { bytes } = await kosSubmissionMtom();
    const text = bytes.toString('latin1').replace('href="cid:kos-1@example.org"', 'href="cid:other@example.org"');
    const f = await validateSubmission(Buffer.from(text, 'latin1'), 'pnr.mime');
    expect(f.map((x) => x.ruleId)).toContain('submission.xop.unresolved');
  });

  test('an ITI-65 Bundle carrying the KOS is checked end to end', async () => {
    const { b, dr } = kosBundle();
    const f = notInfo(await validateSubmission(Buffer.from(JSON.stringify(b)), 'b.json'));
    expect(f).toEqual([]);
    dr.masterIdentifier!.value = 'urn:oid:1.2.3';
    const g = await validateSubmission(Buffer.from(JSON.stringify(b)), 'b.json');
    expect(g.find((x) => x.ruleId === 'consistency.kos.unique-id')).toMatchObject({
      reqIds: ['META-020', 'META-052'],
      location: { path: 'Bundle.entry[1].resource.masterIdentifier' },
    });
  });

  test('MHD-007: a subject Patient without the national ID of the KOS issuer system is flagged at the subject', async () => {
    const { b } = kosBundle();
    // One change: the Patient carries only the local ID (listed in the KOS's Other Patient IDs).
    (b.entry![3]!.resource as unknown as { identifier: unknown }).identifier = [{ system: 'urn:oid:2.999.1.20.1', value: 'PAT-77' }];
    const f = notInfo(await validateSubmission(Buffer.from(JSON.stringify(b)), 'b.json'));
    expect(f.map((x) => [x.ruleId, x.reqIds, x.location.path])).toEqual([
      ['consistency.mhd.subject-national', ['MHD-007'], 'Bundle.entry[1].resource.subject'],
    ]);
    expect(f[0]!.message).toBe(
      "the subject has no identifier of system urn:oid:2.999.1.10.1 (the manifest's Issuer of Patient ID); found urn:oid:2.999.1.20.1|PAT-77",
    );
  });

  test('META-011: the Binary is a KOS manifest, so a report category is flagged even though the metadata says report', async () => {
    const { b, dr } = kosBundle();
    const cat = dr.category![0]!.coding![0]!;
    cat.code = 'imaging-report';
    cat.display = 'Imaging report';
    const f = notInfo(await validateSubmission(Buffer.from(JSON.stringify(b)), 'b.json'));
    expect(f.map((x) => [x.ruleId, x.reqIds])).toEqual([['consistency.kos.class', ['META-011']]]);
    expect(f[0]!.location.path).toMatch(/^Bundle\.entry\[1\]\.resource\.category/);
  });

  test('META-011 in XDS: a KOS document under a report classCode is flagged at the classCode', async () => {
    const { submission, kos } = kosSubmission();
    const cls = submission.objects.documentEntries[0]!.classifications.find(
      (c) => c.scheme === 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
    )!;
    cls.nodeRepresentation = 'imaging-report';
    const { writeProvideAndRegister } = await import('../../protocols/ebrim/index.ts');
    submission.documents = [{ id: 'Document01', content: kos, path: '' }];
    const f = notInfo(await validateSubmission(Buffer.from(writeProvideAndRegister(submission)), 'pnr.xml'));
    expect(f.filter((x) => x.ruleId !== 'submission.envelope').map((x) => [x.ruleId, x.location.path])).toEqual([
      [
        'consistency.kos.class',
        "/xds:ProvideAndRegisterDocumentSetRequest/lcm:SubmitObjectsRequest/rim:RegistryObjectList/rim:ExtrinsicObject[@id='Document01']/rim:Classification[@classificationScheme='urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a']",
      ],
    ]);
  });
});

/** The conformant ITI-65 Bundle carrying the KOS of kosSubmission() as its Binary. */
function kosBundle() {
  const { submission, kos } = kosSubmission();
  const b = conformantProvideBundle();
  const dr: DocumentReference = {
    ...toDocumentReference(submission.objects.documentEntries[0]!),
    subject: { reference: 'urn:uuid:0b1a7c2e-0000-4000-8000-000000000004' },
  };
  // context.event systems as MHD wants them, content bound to the Binary.
  dr.context!.event = [
    { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT', display: 'Computed Tomography' }] },
    { coding: [{ system: 'http://snomed.info/sct', code: '67734004', display: 'Upper trunk' }] },
    { coding: [{ system: 'urn:oid:2.999.1.1', code: 'CT-THORAX', display: 'CT Thorax' }] },
  ];
  Object.assign(dr.content[0]!.attachment, {
    url: 'urn:uuid:0b1a7c2e-0000-4000-8000-000000000003',
    hash: createHash('sha1').update(kos).digest('base64'),
    size: kos.length,
  });
  b.entry![1]!.resource = dr;
  (b.entry![2]!.resource as unknown as { data: string }).data = kos.toString('base64');
  (b.entry![3]!.resource as unknown as { identifier: unknown }).identifier = [{ system: 'urn:oid:2.999.1.10.1', value: '1234567890' }];
  return { b, dr };
}
