// One injected defect per broken variant of the reference SUT. Each changes one thing a real
// Imaging Document Source gets wrong, and names the requirements the plan must fail on: a
// test per variant proves the plan catches exactly those (reference-sut.variants.test.ts).
import type { WDataSet } from '../../../../protocols/dicom/writer.ts';
import type { SubmitObjectsRequest } from '../../../../protocols/ebrim/index.ts';
import { withChanges } from '../../../../fixtures/builders/kos-edit.ts';
import { TagKey } from '../../../../protocols/dicom/tags.generated.ts';
import { AUDIT_DEFECTS } from '../../common/audit-reference.ts';
import { initiatorTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'wrong-format-code',
  'kos-missing-instance',
  'wado-drops-instance',
  'wrong-patient-issuer',
  'wrong-retrieve-url',
  'kin-back-reference-missing',
  'kos-series-number-empty',
  'kos-series-number-not-integer',
  'accession-without-issuer',
  'request-not-in-entry',
  'title-not-cid7010',
  'accepts-any-server-cert',
  'sends-no-audit',
  'audit-wrong-event-id',
  'accepts-legacy-tls',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export interface Defect {
  id: DefectId;
  description: string;
  /** Exactly the requirements that end 'fail' in a run against this variant. */
  fails: readonly string[];
}

export const DEFECTS: Readonly<Record<DefectId, Defect>> = {
  ...initiatorTlsDefects(),
  'wrong-format-code': {
    id: 'wrong-format-code',
    description: 'DocumentEntry.formatCode is the generic DICOM code, not the KOS SOP Class UID',
    fails: ['META-013'],
  },
  'kos-missing-instance': {
    id: 'kos-missing-instance',
    description: 'the manifest Evidence sequence leaves out one instance its content tree references',
    fails: ['KOS-014'],
  },
  'wado-drops-instance': {
    id: 'wado-drops-instance',
    description: 'the WADO-RS source does not return one instance the manifest references',
    fails: ['KOS-019', 'WADO-001', 'WADO-002'],
  },
  'wrong-patient-issuer': {
    id: 'wrong-patient-issuer',
    description: "the manifest's Issuer of Patient ID OID is not the affinity domain's",
    // The images keep the right issuer: their Patient ID and issuer now match neither the
    // manifest's patient nor an Other Patient IDs item, so the retrieves flag them too.
    fails: ['META-040', 'WADO-001', 'WADO-002', 'WADO-003'],
  },
  'wrong-retrieve-url': {
    id: 'wrong-retrieve-url',
    description: "every Retrieve URL in the manifest points at a base the SUT's WADO-RS source does not serve",
    fails: ['KOS-022'],
  },
  'kin-back-reference-missing': {
    id: 'kin-back-reference-missing',
    description: 'the manifest does not carry the back-reference of one image the key-image note flags',
    // kos.kin.flags-match cites KIN-009 too: each flag of an image needs its own back-reference.
    fails: ['KIN-004', 'KIN-009'],
  },
  'kos-series-number-empty': {
    id: 'kos-series-number-empty',
    description: 'the manifest series has an empty Series Number (0020,0011)',
    fails: ['KOS-006'],
  },
  'kos-series-number-not-integer': {
    id: 'kos-series-number-not-integer',
    description: 'the first referenced series carries Series Number "1.5" in the manifest',
    // IS holds integers only: the generic value check (KOS-048) flags the same element.
    fails: ['KOS-027', 'KOS-048'],
  },
  'accession-without-issuer': {
    id: 'accession-without-issuer',
    description: 'the DocumentEntry referenceIdList lists the accession number without its issuer',
    // xdsi.reference-id.accession cites LINK-008 (identifiers globally unique, so issued); an
    // accession CXi needs its assigning authority (xds.reference-id.syntax, META-010); and the
    // manifest states the issuer, so consistency.kos.accession-order (META-042, LINK-005) flags
    // the same value as not the manifest's. One missing issuer breaks all four.
    fails: ['LINK-005', 'LINK-008', 'META-010', 'META-042'],
  },
  'request-not-in-entry': {
    id: 'request-not-in-entry',
    description:
      'the manifest lists a second request (another accession, a placer order) for the study; the DocumentEntry referenceIdList does not list its order',
    // consistency.kos.accession-order cites META-042 and LINK-005 (many requests, one study).
    fails: ['LINK-005', 'META-042'],
  },
  'title-not-cid7010': {
    id: 'title-not-cid7010',
    description: "the manifest's document title is a code outside CID 7010 (113030 replaced by 999999)",
    // A KOS flags images only under a CID 7010 title (KIN-001); the manifest title is 113030 (KOS-010).
    fails: ['KIN-001', 'KOS-010'],
  },
  'sends-no-audit': AUDIT_DEFECTS['sends-no-audit'],
  'audit-wrong-event-id': AUDIT_DEFECTS['audit-wrong-event-id'],
};

export function isDefectId(s: string): s is DefectId {
  return (DEFECT_IDS as readonly string[]).includes(s);
}

/** A formatCode XDS-I.b does not allow for a manifest (the DICOM Part 10 media type code). */
export const WRONG_FORMAT = {
  code: '1.2.840.10008.5.1.4.1.1.7',
  scheme: '1.2.840.10008.2.6.1',
  display: 'Secondary Capture Image Storage',
};
export const WRONG_ISSUER_OID = '1.3.6.1.4.1.21367.13.20.9999';

/** The manifest data set as the defect changes it; other defects leave it alone. */
export function manifestWithDefect(ds: WDataSet, defect: DefectId | undefined, wrongBase: string): WDataSet {
  switch (defect) {
    case 'kos-missing-instance':
      // The last instance of the first image series: still in the content tree.
      return dropEvidenceInstance(ds);
    case 'wrong-patient-issuer':
      // Everywhere the manifest states the issuer: (0010,0024) and the Other Patient IDs item.
      return withChanges(ds, {
        [`${TagKey.IssuerOfPatientIDQualifiersSequence}[0]>${TagKey.UniversalEntityID}`]: WRONG_ISSUER_OID,
        [`${TagKey.OtherPatientIDsSequence}[0]>${TagKey.IssuerOfPatientIDQualifiersSequence}[0]>${TagKey.UniversalEntityID}`]:
          WRONG_ISSUER_OID,
      });
    case 'wrong-retrieve-url':
      return retargetRetrieveUrls(ds, wrongBase);
    case 'kin-back-reference-missing':
      return dropBackReference(ds);
    case 'kos-series-number-empty':
      return withChanges(ds, { [TagKey.SeriesNumber]: '' });
    case 'kos-series-number-not-integer':
      return withChanges(ds, {
        [`${TagKey.CurrentRequestedProcedureEvidenceSequence}[0]>${TagKey.ReferencedSeriesSequence}[0]>${TagKey.SeriesNumber}`]: '1.5',
      });
    case 'request-not-in-entry':
      return withSecondRequest(ds);
    case 'title-not-cid7010':
      return withChanges(ds, { [`${TagKey.ConceptNameCodeSequence}[0]>${TagKey.CodeValue}`]: '999999' });
    default:
      return ds;
  }
}

function seriesItems(ds: WDataSet): WDataSet[] {
  const study = (ds[TagKey.CurrentRequestedProcedureEvidenceSequence]?.value as WDataSet[] | undefined)?.[0];
  return (study?.[TagKey.ReferencedSeriesSequence]?.value as WDataSet[] | undefined) ?? [];
}

function dropEvidenceInstance(ds: WDataSet): WDataSet {
  const copy = structuredClone(ds);
  const first = seriesItems(copy)[0];
  const refs = first?.[TagKey.ReferencedSOPSequence]?.value as WDataSet[] | undefined;
  if (!refs || refs.length < 2) throw new Error('kos-missing-instance: the first series has fewer than 2 instances');
  refs.pop();
  return copy;
}

function retargetRetrieveUrls(ds: WDataSet, wrongBase: string): WDataSet {
  const copy = structuredClone(ds);
  for (const s of seriesItems(copy)) {
    const url = s[TagKey.RetrieveURL];
    if (url && typeof url.value === 'string') url.value = url.value.replace(/^.*?(\/studies\/)/, `${wrongBase.replace(/\/+$/, '')}$1`);
  }
  return copy;
}

function dropBackReference(ds: WDataSet): WDataSet {
  const copy = structuredClone(ds);
  for (const s of seriesItems(copy)) {
    for (const ref of (s[TagKey.ReferencedSOPSequence]?.value as WDataSet[] | undefined) ?? []) {
      if (ref[TagKey.RelatedSeriesSequence]) {
        delete ref[TagKey.RelatedSeriesSequence];
        return copy;
      }
    }
  }
  throw new Error('kin-back-reference-missing: the manifest has no back-reference to remove');
}

/** A second Referenced Request item: a copy of the first with another accession number. */
function withSecondRequest(ds: WDataSet): WDataSet {
  const copy = structuredClone(ds);
  const items = copy[TagKey.ReferencedRequestSequence]?.value as WDataSet[] | undefined;
  if (!items?.[0]) throw new Error('request-not-in-entry: the manifest has no Referenced Request Sequence');
  const second = structuredClone(items[0]);
  const acc = second[TagKey.AccessionNumber];
  if (!acc) throw new Error('request-not-in-entry: the request item has no accession number');
  acc.value = `${String(acc.value)}-2`;
  // The second request has a placer order, issued like the accession (KOS-041 wants the issuer).
  second[TagKey.PlacerOrderNumberImagingServiceRequest] = { vr: 'LO', value: 'ORD0002' };
  second[TagKey.OrderPlacerIdentifierSequence] = structuredClone(second[TagKey.IssuerOfAccessionNumberSequence]!);
  items.push(second);
  return copy;
}

/** The submission as the defect changes it; other defects leave it alone. */
export function submissionWithDefect(req: SubmitObjectsRequest, defect: DefectId | undefined): SubmitObjectsRequest {
  if (defect !== 'accession-without-issuer') return req;
  const ACCESSION = 'urn:ihe:iti:xds:2013:accession';
  for (const de of req.objects.documentEntries) {
    for (const slot of de.slots) {
      // CXi with an empty assigning authority: ID^^^^type.
      if (slot.name === 'urn:ihe:iti:xds:2013:referenceIdList')
        slot.values = slot.values.map((v) => (v.endsWith(ACCESSION) ? `${v.split('^')[0]}^^^^${ACCESSION}` : v));
    }
  }
  return req;
}
