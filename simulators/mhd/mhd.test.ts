import type { Bundle, DocumentReference, List, OperationOutcome } from 'fhir/r4.js';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { conformantProvideBundle } from '../../fixtures/builders/mhd-bundle.ts';
import { validateR4Schema } from '../../protocols/fhir/index.ts';
import { openStore } from '../store/open-store.ts';
import { xdsConfig } from '../xds/config.ts';
import { mhdConfig } from './config.ts';
import { startMhd, type MhdSimulator } from './index.ts';

const PATIENT = 'patient.identifier=urn:oid:1.2.3.4.5.6.2|PAT-0001';

/** The conformant fixture Bundle; n > 0 gives fresh unique ids so it can be submitted again. */
function provideBundle(n = 0): Bundle {
  const b = conformantProvideBundle();
  if (n) {
    (b.entry![0]!.resource as List).identifier![0]!.value += `.${n}`;
    const dr = b.entry![1]!.resource as DocumentReference;
    dr.masterIdentifier = { system: 'urn:ietf:rfc:3986', value: `urn:oid:${FIXTURE.kosUid}.${n}` };
    delete dr.identifier;
  }
  return b;
}

let sim: MhdSimulator;
const post = (body: unknown) =>
  fetch(sim.base, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(body) });
const search = async (query: string) => {
  const r = await fetch(`${sim.base}/DocumentReference?${PATIENT}&${query}`);
  expect(r.status).toBe(200);
  return ((await r.json()) as Bundle).entry?.map((e) => e.resource as DocumentReference) ?? [];
};

beforeAll(async () => {
  sim = await startMhd({ store: await openStore('sqlite::memory:'), config: mhdConfig({ xds: xdsConfig({ acceptAnyPatient: true }) }) });
  const r = await post(provideBundle());
  expect(r.status).toBe(200);
});
afterAll(() => sim.stop());

describe('MHD Document Recipient/Responder', () => {
  test('answers ITI-65 with a transaction-response, one 201 entry per request entry in order (MHD-005)', async () => {
    const r = await post(provideBundle(1));
    const body = (await r.json()) as Bundle;
    expect(r.status).toBe(200);
    expect(validateR4Schema(body)).toEqual([]);
    expect(body.type).toBe('transaction-response');
    expect(body.entry!.map((e) => e.response?.status)).toEqual(['201 Created', '201 Created', '201 Created', '201 Created']);
    expect(body.entry!.map((e) => e.response?.location?.split('/')[0])).toEqual(['List', 'DocumentReference', 'Binary', 'Patient']);
  });

  test('finds the submission with ITI-67 as R4-valid DocumentReferences with absolute URLs (MHD-008, MHD-012)', async () => {
    const found = await search('status=current&study=1.2.826.0.1.3680043.10.1.7');
    const dr = found.find((d) => d.masterIdentifier?.value === `urn:oid:${FIXTURE.kosUid}`)!;
    expect(validateR4Schema(dr)).toEqual([]);
    expect(dr.content[0]!.attachment.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/Binary\//);
    const doc = await fetch(dr.content[0]!.attachment.url!);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/dicom');
    const bytes = Buffer.from(await doc.arrayBuffer());
    expect(createHash('sha1').update(bytes).digest('base64')).toBe(dr.content[0]!.attachment.hash);
  });

  test.each([
    ['modality=CT', 1],
    ['modality=MR', 0],
    ['modality=CT,MR', 1],
    ['anatomic-region=67734004', 1],
    ['event=http://snomed.info/sct|67734004&event=http://dicom.nema.org/resources/ontology/DCM|CT', 1],
    ['event=http://snomed.info/sct|67734004&event=http://dicom.nema.org/resources/ontology/DCM|MR', 0],
    ['accession=urn:oid:1.2.3.4.5.6.1|ACC-0042', 1],
    ['accession=urn:oid:1.2.3.4.5.6.1|ACC-9999', 0],
    ['related=urn:dicom:uid|urn:oid:1.2.826.0.1.3680043.10.1.7', 1],
    ['study=1.2.826.0.1.3680043.10.1.99', 0],
    ['period=ge2024-03-01&period=lt2024-04-01', 1],
    ['period=ge2025', 0],
    ['period=2024-03-15', 1],
    ['creation=lt2024-03-15T10:30:00Z', 0],
    ['date=ge2024-03-15T10:30:00Z', 1],
    ['format=urn:oid:1.2.840.10008.2.6.1|1.2.840.10008.5.1.4.1.1.88.59', 1],
    ['type=http://loinc.org|18748-4', 1],
    ['type=http://loinc.org|11111-1', 0],
    ['setting=http://snomed.info/sct|394734003', 1],
    ['facility=http://snomed.info/sct|22232009', 1],
    ['security-label=N', 1],
    ['category=urn:mcwg-conformance:placeholder|imaging-study', 1],
    ['identifier=urn:oid:1.2.826.0.1.3680043.10.1.7.99', 1],
  ])('filters ITI-67 by %s (MHD-009, MHD-010)', async (query, n) => {
    const found = (await search(`status=current&${query}`)).filter((d) => d.masterIdentifier?.value === `urn:oid:${FIXTURE.kosUid}`);
    expect(found.length).toBe(n);
  });

  test('answers POST _search like GET (MHD-015)', async () => {
    const r = await fetch(`${sim.base}/DocumentReference/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${PATIENT}&status=current&modality=CT`,
    });
    expect(((await r.json()) as Bundle).total).toBe((await search('status=current&modality=CT')).length);
  });

  test('pages with _count and a next link, total counting every match', async () => {
    const r = (await (await fetch(`${sim.base}/DocumentReference?${PATIENT}&status=current&_count=1`)).json()) as Bundle;
    expect(r.entry).toHaveLength(1);
    expect(r.total).toBe(2);
    const next = r.link!.find((l) => l.relation === 'next')!.url;
    const second = (await (await fetch(next)).json()) as Bundle;
    expect(second.entry![0]!.resource!.id).not.toBe(r.entry![0]!.resource!.id);
    expect(second.link!.find((l) => l.relation === 'next')).toBeUndefined();
  });

  test('refuses a search without status with 400 and an expression (MHD-011)', async () => {
    const r = await fetch(`${sim.base}/DocumentReference?${PATIENT}&foo=bar`);
    const oo = (await r.json()) as OperationOutcome;
    expect(r.status).toBe(400);
    expect(oo.issue[0]!.expression).toEqual(['DocumentReference.status']);
  });

  test('ignores unknown parameters and finds nothing for superseded (MHD-011, MHD-017)', async () => {
    expect((await search('status=current&unknown-param=1')).length).toBeGreaterThan(0);
    expect(await search('status=superseded')).toEqual([]);
  });

  test('finds the SubmissionSet List with its members (MHD-014)', async () => {
    const r = await fetch(`${sim.base}/List?${PATIENT}&code=submissionset&status=current`);
    const lists = ((await r.json()) as Bundle).entry!.map((e) => e.resource as List);
    expect(lists.length).toBeGreaterThan(0);
    expect(validateR4Schema(lists[0])).toEqual([]);
    expect(lists[0]!.entry![0]!.item.reference).toMatch(/^DocumentReference\//);
  });

  test('reads a DocumentReference by id and answers 404 for an unknown one', async () => {
    const [dr] = await search('status=current');
    expect((await fetch(`${sim.base}/DocumentReference/${dr!.id}`)).status).toBe(200);
    const r = await fetch(`${sim.base}/DocumentReference/00000000-0000-4000-8000-000000000000`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  test('answers 406 to an Accept the document cannot satisfy and a Binary to FHIR JSON (MHD-013)', async () => {
    const [dr] = await search('status=current');
    const url = dr!.content[0]!.attachment.url!;
    expect((await fetch(url, { headers: { accept: 'application/pdf' } })).status).toBe(406);
    const bin = await fetch(url, { headers: { accept: 'application/fhir+json' } });
    expect(((await bin.json()) as { resourceType: string }).resourceType).toBe('Binary');
  });

  test('serves an R4 CapabilityStatement listing DocumentReference search (MHD-016)', async () => {
    const cs = await (await fetch(`${sim.base}/metadata`)).json();
    expect(validateR4Schema(cs)).toEqual([]);
    expect(cs.rest[0].resource.find((r: { type: string }) => r.type === 'DocumentReference').interaction).toContainEqual({
      code: 'search-type',
    });
  });

  test('records every exchange, with its transaction', () => {
    const tx = new Set(sim.exchanges().map((e) => e.transaction));
    expect([...tx]).toEqual(expect.arrayContaining(['ITI-65', 'ITI-66', 'ITI-67', 'ITI-68', 'FHIR capabilities']));
    expect(sim.exchanges().find((e) => e.transaction === 'ITI-65')!.request.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
