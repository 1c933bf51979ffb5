// Metadata rule sets by profile: generic XDS, XDS-I.b manifest, MCWG value sets, linkage.
import { ruleSet, type RuleSet } from '../registry.ts';
import { classCode } from './rules/class-code.ts';
import { codedWellFormed } from './rules/coded-well-formed.ts';
import { confidentiality } from './rules/confidentiality.ts';
import { documentsMatch } from './rules/documents-match.ts';
import { dtmSyntax } from './rules/dtm-syntax.ts';
import { entryCardinality } from './rules/entry-cardinality.ts';
import { entryObjectType } from './rules/entry-object-type.ts';
import { entryRequired } from './rules/entry-required.ts';
import { eventModality } from './rules/event-modality.ts';
import { eventRegion } from './rules/event-region.ts';
import { facilityType } from './rules/facility-type.ts';
import { formatCode } from './rules/format-code.ts';
import { hasMember } from './rules/has-member.ts';
import { hashSize } from './rules/hash-size.ts';
import { identifierSyntax } from './rules/identifier-syntax.ts';
import { mimeType } from './rules/mime-type.ts';
import { patientIdCx } from './rules/patient-id.ts';
import { practiceSetting } from './rules/practice-setting.ts';
import { procedureCode } from './rules/procedure-code.ts';
import { referenceAccession } from './rules/reference-accession.ts';
import { referenceOrder } from './rules/reference-order.ts';
import { referenceStudy } from './rules/reference-study.ts';
import { referenceSyntax } from './rules/reference-syntax.ts';
import { reportAccession } from './rules/report-accession.ts';
import { reportStudy } from './rules/report-study.ts';
import { samePatient } from './rules/same-patient.ts';
import { serviceStartTime } from './rules/service-start-time.ts';
import { submissionSetRequired } from './rules/submission-set.ts';
import { titleSummary } from './rules/title-summary.ts';
import { typeCode } from './rules/type-code.ts';
import { MHD_RULES } from './mhd/rule-sets.ts';

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

export const ruleSets: RuleSet[] = [
  ruleSet('metadata/xds', XDS_RULES),
  ruleSet('metadata/xds-i', XDSI_RULES),
  ruleSet('metadata/mcwg', MCWG_RULES),
  ruleSet('metadata/link', LINK_RULES),
  ruleSet('metadata/mhd', MHD_RULES),
];
