// One-change broken variants of the manifest facts checked against the conformant KOS
// DocumentEntry, as data: validators/consistency/rules.test.ts checks each is flagged by its rule
// at the exact XPath; the coverage table (npm run docs) lists them without running anything.
import type { DocumentReference } from 'fhir/r4.js';
import { DE } from '../../protocols/ebrim/index.ts';
import type { ManifestFacts } from '../manifest-facts.ts';

export interface ConsistencyCase {
  name: string;
  ruleId: string;
  path: string;
  /** Changes the (otherwise matching) manifest facts. */
  change: (f: ManifestFacts) => void;
}

export const DEP = "/lcm:SubmitObjectsRequest/rim:RegistryObjectList/rim:ExtrinsicObject[@id='Document01']";
export const REF = `${DEP}/rim:Slot[@name='urn:ihe:iti:xds:2013:referenceIdList']`;

export const KOS_ENTRY_CASES: readonly ConsistencyCase[] = [
  {
    name: 'another patient issuer',
    ruleId: 'consistency.kos.patient-id',
    path: `${DEP}/rim:ExternalIdentifier[@identificationScheme='${DE.patientId}']`,
    change: (f) => {
      f.patient.issuerOid = '9.9';
    },
  },
  {
    name: 'another SOP Instance UID',
    ruleId: 'consistency.kos.unique-id',
    path: `${DEP}/rim:ExternalIdentifier[@identificationScheme='${DE.uniqueId}']`,
    change: (f) => {
      f.sopInstanceUid = '1.2.3';
    },
  },
  {
    name: 'another study',
    ruleId: 'consistency.kos.study-uid',
    path: `${REF}/rim:ValueList/rim:Value[1]`,
    change: (f) => {
      f.studyInstanceUid = '1.2.3';
    },
  },
  {
    name: 'a second accession in the manifest',
    ruleId: 'consistency.kos.accession-order',
    path: `${REF}/rim:ValueList/rim:Value[2]`,
    change: (f) => {
      f.accessionIssuerOid = '1.2.9';
    },
  },
  {
    name: 'an MR series not in eventCodeList',
    ruleId: 'consistency.kos.modalities',
    path: `${DEP}/rim:Classification[@classificationScheme='${DE.eventCodeList}']`,
    change: (f) => {
      f.modalities.push('MR');
    },
  },
  {
    name: 'another study date',
    ruleId: 'consistency.kos.service-start',
    path: `${DEP}/rim:Slot[@name='serviceStartTime']/rim:ValueList/rim:Value[1]`,
    change: (f) => {
      f.studyDate = '20240316';
      f.studyTime = '235900';
    },
  },
  {
    name: 'another birth date in sourcePatientInfo',
    ruleId: 'consistency.kos.source-patient-info',
    path: `${DEP}/rim:Slot[@name='sourcePatientInfo']/rim:ValueList/rim:Value[3]`,
    change: (f) => {
      f.patientBirthDate = '19700101';
    },
  },
  {
    name: 'a different description',
    ruleId: 'consistency.kos.title',
    path: `${DEP}/rim:Name/rim:LocalizedString/@value`,
    change: (f) => {
      f.studyDescription = 'MR Knee';
      f.procedureCodes = [];
    },
  },
];

/** A DocumentReference mapped from the conformant entry, changed once: consistency.entry-reference flags it at `path`. */
export interface EntryReferenceCase {
  name: string;
  ruleId: string;
  path: string;
  change: (dr: DocumentReference) => void;
}

export const ENTRY_REFERENCE_CASES: readonly EntryReferenceCase[] = [
  {
    name: 'a different event code',
    ruleId: 'consistency.entry-reference',
    path: 'DocumentReference.context.event',
    change: (dr) => {
      dr.context!.event![0]!.coding![0]!.code = 'MR';
    },
  },
];
