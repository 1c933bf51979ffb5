// One injected defect per broken variant of the reference SUT. Each changes one thing a real
// Imaging Document Source gets wrong, and names the requirements the plan must fail on: a
// test per variant proves the plan catches exactly those (reference-sut.variants.test.ts).
import type { WDataSet } from '../../../../protocols/dicom/writer.ts';
import { withChanges } from '../../../../fixtures/builders/kos-edit.ts';

export const DEFECT_IDS = ['wrong-format-code', 'kos-missing-instance', 'wado-drops-instance', 'wrong-patient-issuer', 'wrong-retrieve-url', 'kin-back-reference-missing'] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export interface Defect {
  id: DefectId;
  description: string;
  /** Exactly the requirements that end 'fail' in a run against this variant. */
  fails: string[];
}

export const DEFECTS: Readonly<Record<DefectId, Defect>> = {
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
    fails: ['META-040'],
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
};

export function isDefectId(s: string): s is DefectId {
  return (DEFECT_IDS as readonly string[]).includes(s);
}

/** A formatCode XDS-I.b does not allow for a manifest (the DICOM Part 10 media type code). */
export const WRONG_FORMAT = { code: '1.2.840.10008.5.1.4.1.1.7', scheme: '1.2.840.10008.2.6.1', display: 'Secondary Capture Image Storage' };
export const WRONG_ISSUER_OID = '1.3.6.1.4.1.21367.13.20.9999';

/** The manifest data set as the defect changes it; other defects leave it alone. */
export function manifestWithDefect(ds: WDataSet, defect: DefectId | undefined, wrongBase: string): WDataSet {
  switch (defect) {
    case 'kos-missing-instance':
      // The last instance of the first image series: still in the content tree.
      return dropEvidenceInstance(ds);
    case 'wrong-patient-issuer':
      // Everywhere the manifest states the issuer: (0010,0024) and the Other Patient IDs item.
      return withChanges(ds, { '(0010,0024)[0]>(0040,0032)': WRONG_ISSUER_OID, '(0010,1002)[0]>(0010,0024)[0]>(0040,0032)': WRONG_ISSUER_OID });
    case 'wrong-retrieve-url':
      return retargetRetrieveUrls(ds, wrongBase);
    case 'kin-back-reference-missing':
      return dropBackReference(ds);
    default:
      return ds;
  }
}

function seriesItems(ds: WDataSet): WDataSet[] {
  const study = (ds['(0040,A375)']?.value as WDataSet[] | undefined)?.[0];
  return (study?.['(0008,1115)']?.value as WDataSet[] | undefined) ?? [];
}

function dropEvidenceInstance(ds: WDataSet): WDataSet {
  const copy = structuredClone(ds);
  const first = seriesItems(copy)[0];
  const refs = first?.['(0008,1199)']?.value as WDataSet[] | undefined;
  if (!refs || refs.length < 2) throw new Error('kos-missing-instance: the first series has fewer than 2 instances');
  refs.pop();
  return copy;
}

function retargetRetrieveUrls(ds: WDataSet, wrongBase: string): WDataSet {
  const copy = structuredClone(ds);
  for (const s of seriesItems(copy)) {
    const url = s['(0008,1190)'];
    if (url && typeof url.value === 'string') url.value = url.value.replace(/^.*?(\/studies\/)/, `${wrongBase.replace(/\/+$/, '')}$1`);
  }
  return copy;
}

function dropBackReference(ds: WDataSet): WDataSet {
  const copy = structuredClone(ds);
  for (const s of seriesItems(copy)) {
    for (const ref of (s['(0008,1199)']?.value as WDataSet[] | undefined) ?? []) {
      if (ref['(0008,1250)']) {
        delete ref['(0008,1250)'];
        return copy;
      }
    }
  }
  throw new Error('kin-back-reference-missing: the manifest has no back-reference to remove');
}
