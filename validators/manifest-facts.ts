// What a KOS manifest says about its study, in plain values. The KOS validator extracts it
// (validators/kos); the metadata, consistency and HL7 linkage checks compare against it,
// so none of them needs to walk a DICOM data set.
export interface CodedValue {
  code: string;
  scheme: string;
  display?: string;
}

export interface PatientIdentifier {
  id: string;
  /** Issuer of Patient ID (0010,0021), when given. */
  issuer?: string;
  /** Universal Entity ID (0040,0032) of the issuer, e.g. an OID. */
  issuerOid?: string;
  issuerOidType?: string;
}

export interface ManifestFacts {
  sopInstanceUid: string;
  sopClassUid: string;
  title?: CodedValue;
  /** (0010,0020) with its issuer. */
  patient: PatientIdentifier;
  /** Other Patient IDs Sequence items: national and other local IDs. */
  otherPatientIds: PatientIdentifier[];
  patientName?: string;
  patientBirthDate?: string;
  patientSex?: string;
  studyInstanceUid: string;
  studyDate?: string;
  studyTime?: string;
  studyDescription?: string;
  accessionNumber?: string;
  accessionIssuerOid?: string;
  /** From the Referenced Request Sequence. */
  placerOrderNumbers: string[];
  fillerOrderNumbers: string[];
  requestedProcedureIds: string[];
  /** Procedure codes (0008,1032) when present. */
  procedureCodes: CodedValue[];
  /** Modalities of the referenced series, when known (from the source or a modality list). */
  modalities: string[];
  series: ManifestSeries[];
}

export interface ManifestSeries {
  seriesInstanceUid: string;
  retrieveUrl?: string;
  retrieveLocationUid?: string;
  retrieveAeTitle?: string;
  instances: { sopClassUid: string; sopInstanceUid: string }[];
}
