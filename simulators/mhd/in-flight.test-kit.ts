// Small requests while a big ITI-65 Bundle is in flight (issue 16 item 3), shared by the tests
// that measure the stall: the Bundle is for another patient than the small queries ask for, since
// once stored its thousands of matches would slow those queries, which is not the stall measured.
import type { Bundle, Patient } from 'fhir/r4.js';
import { expect } from 'vitest';
import { conformantProvideBundle } from '../../fixtures/builders/mhd-bundle.ts';
import type { MhdSimulator } from './index.ts';
import { largeProvideBundle } from './large-bundle.test-kit.ts';

/** The small ITI-67 search: the conformant Bundle's patient. */
export const PATIENT_QUERY = 'patient.identifier=urn:oid:1.2.3.4.5.6.2|PAT-0001&status=current';
/** The big Bundles' patient. */
export const LOAD_QUERY = 'patient.identifier=urn:oid:1.2.3.4.5.6.2|PAT-LOAD&status=current';

/** An accepted ITI-65 body with `documents` documents for patient PAT-LOAD. */
export function loadBundle(documents: number): Buffer {
  const base = conformantProvideBundle() as Bundle;
  const patient = base.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient;
  patient.identifier = [{ system: 'urn:oid:1.2.3.4.5.6.2', value: 'PAT-LOAD' }];
  return Buffer.from(JSON.stringify(largeProvideBundle(base, documents)));
}

export const post = (sim: MhdSimulator, body: Buffer) =>
  fetch(sim.base, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: new Uint8Array(body) });

/** Two clients (25 ms apart) alternate /metadata and a small ITI-67 search until `big` is answered; their times in ms. */
export async function whileInFlight(sim: MhdSimulator, big: Promise<Response>): Promise<{ res: Response; text: string; small: number[] }> {
  let done = false;
  const answered = big.then(async (res) => ({ res, text: await res.text() })).finally(() => (done = true));
  const small: number[] = [];
  await Promise.all(
    [0, 1].map(async (k) => {
      for (let n = k; !done; n++) {
        const t0 = performance.now();
        const res = await fetch(n % 2 ? `${sim.base}/metadata` : `${sim.base}/DocumentReference?${PATIENT_QUERY}&_count=1`);
        await res.arrayBuffer();
        expect(res.status).toBe(200);
        small.push(performance.now() - t0);
        // A client's think time: the clients measure the stall, they do not add to the load.
        await new Promise((r) => setTimeout(r, 25));
      }
    }),
  );
  return { ...(await answered), small };
}
