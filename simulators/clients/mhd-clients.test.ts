import type { DocumentReference, OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import type { Exchange } from '../../model/exchange.ts';
import { mhdConfig } from '../mhd/config.ts';
import { startMhd, type MhdSimulator } from '../mhd/index.ts';
import { openStore } from '../store/open-store.ts';
import { xdsConfig } from '../xds/config.ts';
import { capabilities, findDocumentLists, findDocumentReferences, retrieveDocument } from './mhd-consumer.ts';
import { bundleFromSubmission, provideDocumentBundle } from './mhd-source.ts';

let sim: MhdSimulator;
const seen: Exchange[] = [];
const rec = (e: Exchange) => seen.push(e);
const patient = 'urn:oid:1.2.3.4.5.6.2|PAT-0001';

beforeAll(async () => {
  const cfg = mhdConfig({ xds: xdsConfig({ knownPatients: new Set([FIXTURE.patientId]) }) });
  sim = await startMhd({ store: await openStore('sqlite::memory:'), config: cfg });
  const sent = await provideDocumentBundle(sim.base, bundleFromSubmission(conformantSubmission(), cfg.systems), rec);
  expect(sent.outcome).toBeUndefined();
});
afterAll(() => sim.stop());

describe('MHD Document Source and Consumer clients', () => {
  test('publish a Bundle built from the XDS fixture and record ITI-65 with its status', () => {
    const ex = seen.find((e) => e.transaction === 'ITI-65')!;
    expect(ex.response?.summary).toBe('HTTP 200');
    expect(ex.request.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('find with GET and POST _search alike (MHD-015)', async () => {
    const get = await findDocumentReferences(sim.base, { 'patient.identifier': patient, status: 'current', modality: 'CT,MR' }, rec);
    const post = await findDocumentReferences(sim.base, { 'patient.identifier': patient, status: 'current', modality: 'CT,MR' }, rec, {
      post: true,
    });
    expect(get.resource?.total).toBe(1);
    expect(post.resource?.entry?.map((e) => e.resource?.id)).toEqual(get.resource?.entry?.map((e) => e.resource?.id));
  });

  test('a refusal is a result with its OperationOutcome, not a throw', async () => {
    const r = await findDocumentReferences(sim.base, { 'patient.identifier': patient }, rec);
    expect(r.status).toBe(400);
    expect((r.outcome as OperationOutcome).issue[0]!.expression).toEqual(['DocumentReference.status']);
    expect(seen.at(-1)!.response?.summary).toBe('HTTP 400');
  });

  test('find Lists, read the CapabilityStatement, retrieve bytes and a 404', async () => {
    expect(
      (await findDocumentLists(sim.base, { 'patient.identifier': patient, status: 'current', code: 'submissionset' }, rec)).resource?.total,
    ).toBe(1);
    expect((await capabilities(sim.base, rec)).resource?.resourceType).toBe('CapabilityStatement');
    const [dr] = (await findDocumentReferences(sim.base, { 'patient.identifier': patient, status: 'current' }, rec)).resource!.entry!;
    const doc = await retrieveDocument((dr!.resource as DocumentReference).content[0]!.attachment.url!, rec);
    expect(doc.data).toEqual(Buffer.from(FIXTURE.documentBytes));
    expect((await retrieveDocument(`${sim.base}/Binary/00000000-0000-4000-8000-000000000000`, rec)).status).toBe(404);
  });

  test('an unreachable base is a transport error, recorded', async () => {
    const r = await findDocumentReferences('http://127.0.0.1:1/fhir', { 'patient.identifier': patient, status: 'current' }, rec);
    expect(r.status).toBe(0);
    expect(seen.at(-1)!.error).toBeDefined();
  });
});
