import type { Bundle, DocumentReference, List } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { conformantProvideBundle } from '../../fixtures/builders/mhd-bundle.ts';
import { openStore } from '../store/open-store.ts';
import { xdsConfig } from '../xds/config.ts';
import { mhdConfig } from './config.ts';
import { startMhd, type MhdSimulator } from './index.ts';

let sim: MhdSimulator;
let original: DocumentReference;
const PATIENT = 'patient.identifier=urn:oid:1.2.3.4.5.6.2|PAT-0001';

function bundle(n: number, replaces?: string): Bundle {
  const b = conformantProvideBundle();
  const list = b.entry![0]!.resource as List;
  list.identifier![0]!.value += `.${n}`;
  const dr = b.entry![1]!.resource as DocumentReference;
  dr.masterIdentifier = { system: 'urn:ietf:rfc:3986', value: `urn:oid:${FIXTURE.kosUid}.${n}` };
  delete dr.identifier;
  if (replaces) dr.relatesTo = [{ code: 'replaces', target: { reference: `DocumentReference/${replaces}` } }];
  return b;
}

const post = (b: Bundle) =>
  fetch(sim.base, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(b) });
const search = async (q: string) =>
  ((await (await fetch(`${sim.base}/DocumentReference?${PATIENT}&${q}`)).json()) as Bundle).entry?.map(
    (e) => e.resource as DocumentReference,
  ) ?? [];

beforeAll(async () => {
  sim = await startMhd({ store: await openStore('sqlite::memory:'), config: mhdConfig({ xds: xdsConfig({ acceptAnyPatient: true }) }) });
  expect((await post(bundle(1))).status).toBe(200);
  original = (await search('status=current'))[0]!;
});
afterAll(() => sim.stop());

describe('replacement through ITI-65 (MHD-017)', () => {
  test('a replacing DocumentReference supersedes the original and carries relatesTo replaces', async () => {
    expect((await post(bundle(2, original.id))).status).toBe(200);
    const superseded = await search('status=superseded');
    const current = await search('status=current');
    expect(superseded.map((d) => d.id)).toEqual([original.id]);
    expect(current).toHaveLength(1);
    expect(current[0]!.relatesTo).toEqual([{ code: 'replaces', target: { reference: `DocumentReference/${original.id}` } }]);
    expect((await search('status=current,superseded')).length).toBe(2);
  });

  test('the content of a superseded document is gone (410) from ITI-68', async () => {
    expect((await fetch(original.content[0]!.attachment.url!)).status).toBe(410);
  });

  test('replacing an already superseded document is refused and stores nothing', async () => {
    const r = await post(bundle(3, original.id));
    expect(r.status).toBe(422);
    expect((await search('status=current,superseded')).length).toBe(2);
  });

  test('reads the Patient the DocumentReference subject points at, and searches by it', async () => {
    const [dr] = await search('status=current');
    const ref = dr!.subject!.reference!;
    const patient = await (await fetch(`${sim.base}/${ref}`)).json();
    expect(patient.identifier).toEqual([{ system: 'urn:oid:1.2.3.4.5.6.2', value: 'PAT-0001' }]);
    const byRef = (await (await fetch(`${sim.base}/DocumentReference?patient=${ref}&status=current`)).json()) as Bundle;
    expect(byRef.total).toBe(1);
  });
});
