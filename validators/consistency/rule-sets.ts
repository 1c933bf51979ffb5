// Consistency rule sets: KOS <-> DocumentEntry, DocumentEntry <-> DocumentReference,
// report entry <-> manifest entry.
import type { Finding } from '../../model/finding.ts';
import type { DocumentEntry } from '../../protocols/ebrim/index.ts';
import { ruleSet, type RuleSet } from '../registry.ts';
import { runRules, type SeverityOverrides } from '../rule.ts';
import type { ManifestFacts } from '../manifest-facts.ts';
import type { MetadataOrigin } from '../metadata/view.ts';
import { kosAccessionOrder } from './rules/accession-order.ts';
import { entryMatchesReference } from './rules/entry-reference.ts';
import { manifestClass } from './rules/manifest-class.ts';
import { mhdSubjectNational, type SubjectView } from './rules/mhd-subject.ts';
import { kosModalities } from './rules/modalities.ts';
import { kosPatientId } from './rules/patient-id.ts';
import { reportMatchesManifest } from './rules/report-manifest.ts';
import { kosServiceStart } from './rules/service-start.ts';
import { kosSourcePatientInfo } from './rules/source-patient-info.ts';
import { kosStudyUid } from './rules/study-uid.ts';
import { kosTitle } from './rules/title.ts';
import { kosUniqueId } from './rules/unique-id.ts';

export const KOS_ENTRY_RULES = [
  kosPatientId,
  kosUniqueId,
  kosStudyUid,
  kosAccessionOrder,
  kosModalities,
  kosServiceStart,
  kosTitle,
  kosSourcePatientInfo,
  manifestClass,
];

export const ruleSets: RuleSet[] = [
  ruleSet('consistency/kos-entry', KOS_ENTRY_RULES),
  ruleSet('consistency/entry-reference', [entryMatchesReference]),
  ruleSet('consistency/report-manifest', [reportMatchesManifest]),
  ruleSet('consistency/mhd-subject', [mhdSubjectNational]),
];

/** MHD: the subject of a DocumentReference carrying a KOS is the manifest's patient (MHD-007). */
export function checkMhdSubject(view: SubjectView, artefact: string, overrides?: SeverityOverrides): Finding[] {
  return runRules([mhdSubjectNational], view, undefined, artefact, overrides);
}

export function checkKosAgainstEntry(
  facts: ManifestFacts,
  entry: DocumentEntry,
  artefact: string,
  origin: MetadataOrigin = 'ebrim',
  overrides?: SeverityOverrides,
): Finding[] {
  return runRules(KOS_ENTRY_RULES, { facts, entry, origin }, undefined, artefact, overrides);
}

export function checkEntryAgainstReference(
  entry: DocumentEntry,
  reference: DocumentEntry,
  artefact: string,
  overrides?: SeverityOverrides,
): Finding[] {
  return runRules([entryMatchesReference], { entry, reference }, undefined, artefact, overrides);
}

export function checkReportAgainstManifest(
  report: DocumentEntry,
  manifest: DocumentEntry,
  artefact: string,
  overrides?: SeverityOverrides,
): Finding[] {
  return runRules([reportMatchesManifest], { report, manifest }, undefined, artefact, overrides);
}
