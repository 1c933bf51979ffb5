// One injected defect per broken variant of the reference MHD Document Source: each changes
// one thing in the ITI-65 Bundle it sends, with the requirements the plan must fail on.
import type { Binary, Bundle, DocumentReference, List } from 'fhir/r4.js';
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { AUDIT_DEFECTS } from '../../common/audit-reference.ts';
import { initiatorTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'wrong-profile',
  'binary-octet-stream',
  'wrong-hash',
  'list-other-patient',
  'oid-coding-systems',
  'no-binary',
  'report-without-link',
  'report-link-other-study',
  'accepts-any-server-cert',
  'accepts-legacy-tls',
  'sends-no-audit',
  'audit-wrong-event-id',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'sends-no-audit': AUDIT_DEFECTS['sends-no-audit'],
  'audit-wrong-event-id': AUDIT_DEFECTS['audit-wrong-event-id'],
  ...initiatorTlsDefects(),
  'wrong-profile': { id: 'wrong-profile', description: 'Bundle.meta.profile names no MHD ProvideBundle profile', fails: ['MHD-001'] },
  'binary-octet-stream': {
    id: 'binary-octet-stream',
    description: 'the Binary carrying the manifest is application/octet-stream',
    fails: ['MHD-002'],
  },
  'wrong-hash': { id: 'wrong-hash', description: 'attachment.hash is not the SHA-1 of the manifest bytes', fails: ['MHD-003'] },
  'list-other-patient': {
    id: 'list-other-patient',
    description: "the SubmissionSet List's subject is the hospital's local patient ID",
    fails: ['MHD-007'],
  },
  'oid-coding-systems': {
    id: 'oid-coding-systems',
    description: 'codings use urn:oid: systems where MHD wants the FHIR URIs',
    fails: ['META-050'],
  },
  'no-binary': { id: 'no-binary', description: 'the Bundle leaves out the Binary its attachment.url names', fails: ['MHD-002'] },
  'report-without-link': {
    id: 'report-without-link',
    description: 'the published report (text/html) carries no IHE IID viewer link for its study',
    fails: ['IID-001'],
  },
  'report-link-other-study': {
    id: 'report-link-other-study',
    description: 'the published report carries a second viewer link, to a study its metadata does not reference',
    fails: ['LINK-011'],
  },
};

const of = <T>(b: Bundle, type: string): T[] =>
  (b.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource as T] : []));

/** The Bundle as the defect changes it (a copy); 'oid-coding-systems' is applied when building. */
export function bundleWithDefect(bundle: Bundle, defect: DefectId | undefined, localPatient: { system: string; value: string }): Bundle {
  const b = structuredClone(bundle);
  switch (defect) {
    case 'wrong-profile':
      b.meta = { profile: ['http://example.org/fhir/StructureDefinition/my-bundle'] };
      break;
    case 'binary-octet-stream':
      for (const bin of of<Binary>(b, 'Binary')) bin.contentType = 'application/octet-stream';
      break;
    case 'wrong-hash':
      for (const dr of of<DocumentReference>(b, 'DocumentReference'))
        dr.content[0]!.attachment.hash = Buffer.alloc(20, 7).toString('base64');
      break;
    case 'list-other-patient':
      for (const l of of<List>(b, 'List')) l.subject = { identifier: localPatient };
      break;
    case 'no-binary':
      b.entry = (b.entry ?? []).filter((e) => e.resource?.resourceType !== 'Binary');
      break;
    default:
      break;
  }
  return b;
}
