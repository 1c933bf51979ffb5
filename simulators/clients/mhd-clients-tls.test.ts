// The MHD clients over mutual TLS (issue 18 item 2): our MHD simulator serving HTTPS with the
// test PKI, the clients verifying it against the deployment CA and presenting our client
// certificate; the TLS parameters land in each exchange's evidence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentReference } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { writePki } from '../../fixtures/builders/pki.ts';
import type { Exchange } from '../../model/exchange.ts';
import { mhdConfig } from '../mhd/config.ts';
import { startMhd, type MhdSimulator } from '../mhd/index.ts';
import { openStore } from '../store/open-store.ts';
import { tlsClientOptions, tlsServerOptions } from '../tls/options.ts';
import { xdsConfig } from '../xds/config.ts';
import type { FhirSecurity } from './fhir-https.ts';
import { capabilities, findDocumentReferences, retrieveDocument } from './mhd-consumer.ts';
import { bundleFromSubmission, provideDocumentBundle } from './mhd-source.ts';

let dir: string;
let sim: MhdSimulator;
let sec: FhirSecurity;
const seen: Exchange[] = [];
const rec = (e: Exchange) => seen.push(e);
const patient = 'urn:oid:1.2.3.4.5.6.2|PAT-0001';
const f = (n: string) => join(dir, n);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcwg-mhd-tls-'));
  await writePki(dir);
  const cfg = mhdConfig({ xds: xdsConfig({ knownPatients: new Set([FIXTURE.patientId]) }) });
  sim = await startMhd({
    store: await openStore('sqlite::memory:'),
    config: cfg,
    tls: tlsServerOptions({ tlsCert: f('server.crt.pem'), tlsKey: f('server.key.pem'), tlsCa: f('ca.crt.pem') })!,
  });
  sec = {
    tls: {
      ...tlsClientOptions({ tlsCa: f('ca.crt.pem'), tlsCert: f('client.crt.pem'), tlsKey: f('client.key.pem') }),
      servername: 'localhost',
    },
    headers: { 'x-mcwg-test': 'passed-through' },
  };
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('MHD clients over mutual TLS', () => {
  test('publish, find (GET and POST), read capabilities and retrieve, each exchange carrying its TLS parameters', async () => {
    expect(sim.base).toMatch(/^https:/);
    const sent = await provideDocumentBundle(sim.base, bundleFromSubmission(conformantSubmission(), mhdConfig().systems), rec, sec);
    expect([sent.status, sent.outcome]).toEqual([200, undefined]);
    const get = await findDocumentReferences(sim.base, { 'patient.identifier': patient, status: 'current' }, rec, {}, sec);
    const post = await findDocumentReferences(sim.base, { 'patient.identifier': patient, status: 'current' }, rec, { post: true }, sec);
    expect(get.resource?.total).toBe(1);
    expect(post.resource?.entry?.map((e) => e.resource?.id)).toEqual(get.resource?.entry?.map((e) => e.resource?.id));
    expect((await capabilities(sim.base, rec, sec)).resource?.resourceType).toBe('CapabilityStatement');
    const dr = get.resource!.entry![0]!.resource as DocumentReference;
    const doc = await retrieveDocument(dr.content[0]!.attachment.url!, rec, '*/*', sec);
    expect(doc.data).toEqual(Buffer.from(FIXTURE.documentBytes));
    expect(seen.map((e) => e.transaction)).toEqual(['ITI-65', 'ITI-67', 'ITI-67', 'FHIR capabilities', 'ITI-68']);
    for (const e of seen) {
      expect(e.tls?.protocol, e.transaction).toMatch(/^TLSv1\.[23]$/);
      expect(e.tls?.peerCertificateFingerprint256, e.transaction).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    }
    // The extra headers (where a plan puts the bearer token) reach the server.
    expect(sim.exchanges().map((e) => e.request.headers?.['x-mcwg-test'])).toEqual(Array(5).fill('passed-through'));
  });

  test('a refusal over TLS is a result with its OperationOutcome, as without TLS', async () => {
    const r = await findDocumentReferences(sim.base, { 'patient.identifier': patient }, rec, {}, sec);
    expect(r.status).toBe(400);
    expect(r.outcome?.issue[0]?.expression).toEqual(['DocumentReference.status']);
    expect(seen.at(-1)!.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
  });

  test('without our client certificate the server refuses the handshake: a transport error, recorded', async () => {
    const noCert = { tls: { ...tlsClientOptions({ tlsCa: f('ca.crt.pem') }), servername: 'localhost' } };
    const r = await findDocumentReferences(sim.base, { 'patient.identifier': patient, status: 'current' }, rec, {}, noCert);
    expect(r.status).toBe(0);
    expect(seen.at(-1)!.error).toBeDefined();
  });
});
