// Our MHD Document Source / Consumer calls to the SUT's FHIR base, each recorded as evidence
// of the step, and what the steps share.
import type { DocumentReference } from 'fhir/r4.js';
import { tableFromSchemes, type SystemTable } from '../../../protocols/fhir/index.ts';
import { loadValueSets } from '../../../validators/catalogue/value-sets.ts';
import type { StepContext } from '../../engine/dsl.ts';
import type { BuiltSubmission } from '../common/iti41-submission.ts';

export interface PlanState {
  provided?: BuiltSubmission;
  /** The DocumentReference ITI-67 returned for it. */
  found?: DocumentReference;
}

export function fhirBase(ctx: StepContext): string {
  const b = ctx.sut.endpoints.fhir;
  if (!b) throw new Error('the SUT profile has no endpoints.fhir');
  return b.replace(/\/+$/, '');
}

/** The first patient of the profile as an XDS CX and as an FHIR identifier token; and one never registered. */
export function patient(ctx: StepContext): { cx: string; token: string; unknownCx: string } {
  const d = ctx.sut.patientIdDomains.find((x) => (x.patients ?? []).length > 0);
  if (!d) throw new Error('the SUT profile lists no patient in patientIdDomains[].patients');
  const id = d.patients![0]!;
  return {
    cx: `${id}^^^&${d.issuer}&ISO`,
    token: `urn:oid:${d.issuer}|${id}`,
    unknownCx: `MCWG-UNKNOWN-${Date.now().toString(36)}^^^&${d.issuer}&ISO`,
  };
}

export { exchangeFinding as finding, need, recorded } from '../common/step-kit.ts';

/** Whether a DocumentReference is the one of this document uniqueId. */
export const isDocument = (dr: DocumentReference, uniqueId: string): boolean => (dr.masterIdentifier?.value ?? '').endsWith(uniqueId);

let systems: SystemTable | undefined;
/** FHIR coding-system URIs for the XDS coding schemes (MHD uses URIs, not OIDs; META-050). */
export const fhirSystems = (): SystemTable => (systems ??= tableFromSchemes(loadValueSets().schemes));
