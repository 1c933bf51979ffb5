// The ebRIM metadata rules by profile: generic XDS, XDS-I.b manifest, MCWG value sets, linkage.
// Kept apart from rule-sets.ts, which also registers the MHD (FHIR) rules: validating XDS
// metadata imports only this list, so an ITI-41 never loads fhirpath.
import { classCode } from './class-code.ts';
import { codedWellFormed } from './coded-well-formed.ts';
import { confidentiality } from './confidentiality.ts';
import { documentsMatch } from './documents-match.ts';
import { dtmSyntax } from './dtm-syntax.ts';
import { entryCardinality } from './entry-cardinality.ts';
import { entryObjectType } from './entry-object-type.ts';
import { entryRequired } from './entry-required.ts';
import { eventModality } from './event-modality.ts';
import { eventRegion } from './event-region.ts';
import { facilityType } from './facility-type.ts';
import { formatCode } from './format-code.ts';
import { hasMember } from './has-member.ts';
import { hashSize } from './hash-size.ts';
import { identifierSyntax } from './identifier-syntax.ts';
import { mimeType } from './mime-type.ts';
import { patientIdCx } from './patient-id.ts';
import { practiceSetting } from './practice-setting.ts';
import { procedureCode } from './procedure-code.ts';
import { referenceAccession } from './reference-accession.ts';
import { referenceOrder } from './reference-order.ts';
import { referenceStudy } from './reference-study.ts';
import { referenceSyntax } from './reference-syntax.ts';
import { reportAccession } from './report-accession.ts';
import { reportStudy } from './report-study.ts';
import { samePatient } from './same-patient.ts';
import { serviceStartTime } from './service-start-time.ts';
import { submissionSetRequired } from './submission-set.ts';
import { titleSummary } from './title-summary.ts';
import { typeCode } from './type-code.ts';

export const XDS_RULES = [
  entryRequired,
  entryCardinality,
  entryObjectType,
  codedWellFormed,
  identifierSyntax,
  patientIdCx,
  dtmSyntax,
  hashSize,
  submissionSetRequired,
  hasMember,
  documentsMatch,
  referenceSyntax,
];
export const XDSI_RULES = [
  formatCode,
  mimeType,
  eventModality,
  eventRegion,
  procedureCode,
  referenceStudy,
  referenceAccession,
  referenceOrder,
];
export const MCWG_RULES = [classCode, typeCode, practiceSetting, facilityType, confidentiality, serviceStartTime, titleSummary];
export const LINK_RULES = [reportStudy, reportAccession, samePatient];

export const METADATA_RULES = [...XDS_RULES, ...XDSI_RULES, ...MCWG_RULES, ...LINK_RULES];
