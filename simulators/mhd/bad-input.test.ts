import type { Binary, Bundle, DocumentReference, List, Observation, OperationOutcome, Patient } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { conformantProvideBundle } from '../../fixtures/builders/mhd-bundle.ts';
import { validateR4Schema } from '../../protocols/fhir/index.ts';
import { openStore } from '../store/open-store.ts';
import type { XdsStore } from '../store/types.ts';
import { xdsConfig } from '../xds/config.ts';
import { mhdConfig } from './config.ts';
import { startMhd, type MhdSimulator } from './index.ts';

let sim: MhdSimulator;
let store: XdsStore;

/** The conformant fixture; `change` makes it bad. */
function bundle(
  change: (b: Bundle, r: { list: List; dr: DocumentReference; bin: Binary; patient: Patient }) => void = () => undefined,
): Bundle {
  const b = conformantProvideBundle();
  const [list, dr, bin, patient] = b.entry!.map((e) => e.resource) as [List, DocumentReference, Binary, Patient];
  change(b, { list, dr, bin, patient });
  return b;
}

const send = (body: string, contentType = 'application/fhir+json') =>
  fetch(sim.base, { method: 'POST', headers: { 'content-type': contentType }, body });

beforeAll(async () => {
  store = await openStore('sqlite::memory:');
  const config = mhdConfig({ xds: xdsConfig({ knownPatients: new Set([FIXTURE.patientId]) }), maxBinaryBytes: 1000 });
  sim = await startMhd({ store, config, maxBodyBytes: 64 * 1024 });
});
afterAll(() => sim.stop());

describe('ITI-65 bad input: OperationOutcome, nothing stored (MHD-006)', () => {
  test.each<[string, () => string, string, number, string | undefined]>([
    ['invalid JSON', () => '{"resourceType": "Bundle", ', 'application/fhir+json', 400, 'Bundle'],
    ['an XML body', () => '<Bundle xmlns="http://hl7.org/fhir"/>', 'application/fhir+xml', 415, undefined],
    ['a text/plain body', () => 'hello', 'text/plain', 415, undefined],
    [
      'a body over the size limit',
      () => JSON.stringify(bundle((b) => ((b.entry![2]!.resource as Binary).data = 'A'.repeat(80 * 1024)))),
      'application/fhir+json',
      413,
      undefined,
    ],
    [
      'a resource that is not a Bundle',
      () => JSON.stringify({ resourceType: 'Patient' }),
      'application/fhir+json',
      400,
      'Bundle.resourceType',
    ],
    ['a batch Bundle', () => JSON.stringify({ ...bundle(), type: 'batch' }), 'application/fhir+json', 400, 'Bundle.type'],
    [
      'a wrong resource type',
      () =>
        JSON.stringify(
          bundle((b) =>
            b.entry!.push({
              fullUrl: 'urn:uuid:9',
              resource: { resourceType: 'Observation', status: 'final', code: {} } as Observation,
              request: { method: 'POST', url: 'Observation' },
            }),
          ),
        ),
      'application/fhir+json',
      400,
      'Bundle.entry[4].resource.resourceType',
    ],
    [
      'a wrongly typed element',
      () => JSON.stringify(bundle((_b, r) => ((r.dr as unknown as { status: number }).status = 42))),
      'application/fhir+json',
      400,
      'Bundle.entry[1].resource.status',
    ],
    [
      'an attachment.url that does not resolve',
      () => JSON.stringify(bundle((_b, r) => (r.dr.content[0]!.attachment.url = 'urn:uuid:0b1a7c2e-0000-4000-8000-0000000000ff'))),
      'application/fhir+json',
      400,
      'Bundle.entry[1].resource.content[0].attachment.url',
    ],
    [
      'a List entry that does not resolve',
      () => JSON.stringify(bundle((_b, r) => (r.list.entry = [{ item: { reference: 'urn:uuid:0b1a7c2e-0000-4000-8000-0000000000fe' } }]))),
      'application/fhir+json',
      400,
      'Bundle.entry[0].resource.entry[0].item',
    ],
    [
      'a Binary over the limit',
      () => JSON.stringify(bundle((_b, r) => (r.bin.data = Buffer.alloc(2000).toString('base64')))),
      'application/fhir+json',
      413,
      'Bundle.entry[2].resource.data',
    ],
    [
      'a hash mismatch',
      () => JSON.stringify(bundle((_b, r) => (r.dr.content[0]!.attachment.hash = Buffer.alloc(20).toString('base64')))),
      'application/fhir+json',
      422,
      'Bundle.entry[1].resource.content[0].attachment.hash',
    ],
    [
      'a size mismatch',
      () => JSON.stringify(bundle((_b, r) => (r.dr.content[0]!.attachment.size = 3))),
      'application/fhir+json',
      422,
      'Bundle.entry[1].resource.content[0].attachment.size',
    ],
    ['no SubmissionSet List', () => JSON.stringify(bundle((b) => b.entry!.shift())), 'application/fhir+json', 422, 'Bundle.entry'],
  ])('refuses %s', async (_what, body, contentType, status, expression) => {
    const before = await store.counts();
    const r = await send(body(), contentType);
    const oo = (await r.json()) as OperationOutcome;
    expect(r.status).toBe(status);
    expect(validateR4Schema(oo)).toEqual([]);
    expect(oo.resourceType).toBe('OperationOutcome');
    if (expression) expect(oo.issue.flatMap((i) => i.expression ?? [])).toContain(expression);
    expect(await store.counts()).toEqual(before);
  });

  test('names XDSUnknownPatientId for a patient outside the affinity domain', async () => {
    const r = await send(
      JSON.stringify(bundle((_b, p) => (p.patient.identifier = [{ system: 'urn:oid:1.2.3.4.5.6.2', value: 'NOBODY' }]))),
    );
    const oo = (await r.json()) as OperationOutcome;
    expect(r.status).toBe(422);
    expect(oo.issue.map((i) => i.details?.coding?.[0]?.code)).toContain('XDSUnknownPatientId');
    expect((await store.counts()).documentEntries).toBe(0);
  });

  test('refuses the same submission twice with 409 and keeps the first', async () => {
    expect((await send(JSON.stringify(bundle()))).status).toBe(200);
    const before = await store.counts();
    const r = await send(JSON.stringify(bundle()));
    expect(r.status).toBe(409);
    expect(((await r.json()) as OperationOutcome).issue[0]!.details?.coding?.[0]?.code).toBe('XDSDuplicateUniqueIdInRegistry');
    expect(await store.counts()).toEqual(before);
  });

  test('records rejected exchanges as evidence', () => {
    const rejected = sim.exchanges().filter((e) => e.transaction === 'ITI-65' && !e.response?.summary?.includes('200'));
    expect(rejected.length).toBeGreaterThanOrEqual(14);
  });
});
