// The reference MHD Document Source: it publishes one manifest Bundle by ITI-65 (built from
// the XDS-I.b fixture submission with MHD coding systems; simulators/clients/mhd-source) to
// our MHD Document Recipient, then, as the plan's negative test asks, one for a patient the
// affinity domain does not know. With a defect (defects.ts) it makes one mistake.
import { mkdir } from 'node:fs/promises';
import { tableFromSchemes } from '../../../../protocols/fhir/index.ts';
import { bundleFromSubmission, provideDocumentBundle } from '../../../../simulators/clients/mhd-source.ts';
import { loadValueSets } from '../../../../validators/catalogue/value-sets.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';
import { startPlanSimulators } from '../simulators.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { bundleWithDefect, type DefectId } from './defects.ts';

export const PLAN_ID = 'mhd-document-source';
const ISSUER = '1.3.6.1.4.1.21367.13.20.5000';
const PATIENT = 'MCWG-MHDSRC-1';
const LOCAL = { system: 'urn:oid:1.3.6.1.4.1.21367.13.20.5001', value: 'LOCAL-77' };
const DOMAINS: SutProfile['patientIdDomains'] = [{ name: 'reference affinity domain', issuer: ISSUER, patients: [PATIENT] }];

export async function startReferenceMhdSource(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  const simulators = await startPlanSimulators({ dataDir, sut: { patientIdDomains: DOMAINS } });
  const mhd = simulators.mhd!;
  const systems = defect === 'oid-coding-systems' ? undefined : tableFromSchemes(loadValueSets().schemes);
  const bundle = (patientCx: string) =>
    bundleWithDefect(bundleFromSubmission(buildSubmission({ patientCx }).request, ...(systems ? [systems] : [])), defect, LOCAL);
  // Published in the background, as a real SUT would while the tester watches.
  const publishing = (async () => {
    await provideDocumentBundle(mhd.url, bundle(`${PATIENT}^^^&${ISSUER}&ISO`), () => undefined);
    await provideDocumentBundle(mhd.url, bundle(`MCWG-UNKNOWN-9^^^&${ISSUER}&ISO`), () => undefined);
  })().catch(() => undefined);
  const sut: SutProfile = {
    name: `mcwg reference MHD Document Source${defect ? ` (defect: ${defect})` : ''}`,
    roles: ['MHD Document Source'],
    options: ['MHD'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: DOMAINS,
    oids: {},
  };
  let stopped: Promise<void> | undefined;
  return { sut, simulators, stop: () => (stopped ??= publishing.then(() => mhd.stop())) };
}
