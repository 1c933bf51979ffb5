// What the tests of one run of the WADO-RS source plan share: the study under test (from the
// SUT profile) and the manifest the source serves in it, the reference for every identity check.
import type { ManifestFacts } from '../../../validators/manifest-facts.ts';
import type { SutProfile } from '../../profiles/profile.ts';

export interface PlanState {
  manifest?: { facts: ManifestFacts; sopInstanceUid: string };
}

/** The profile's `oids.studyInstanceUid`: the study the source must serve (and its manifest). */
export function studyOf(sut: SutProfile): string | undefined {
  return sut.oids.studyInstanceUid;
}

export function needManifest(state: PlanState): ManifestFacts {
  if (!state.manifest) throw new Error('no manifest: the manifest test did not record one');
  return state.manifest.facts;
}

/** Why the plan cannot start against this profile, or undefined. */
export function missingInput(sut: SutProfile): string | undefined {
  if (!sut.endpoints.wadoRs) return 'the SUT profile has no endpoints.wadoRs';
  if (!studyOf(sut)) return 'the SUT profile has no oids.studyInstanceUid (the study to check)';
  return undefined;
}
