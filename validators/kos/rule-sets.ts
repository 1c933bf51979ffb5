// The KOS rule sets by profile: iod (DICOM KOS IOD), xds-i (XDS-I.b manifest), mcwg (MCWG
// extensions, including the manifest side of the significant-image flags) and kin (key-image
// notes, and the manifest cross-checks against the KINs read alongside).
import { ruleSet, type RuleSet } from '../registry.ts';
import type { Rule } from '../rule.ts';
import type { KosCtx, KosView } from './view.ts';
import { accessionInRequests } from './rules/accession-in-requests.ts';
import { backReferencePurpose } from './rules/back-reference-purpose.ts';
import { backReferenceSignificance } from './rules/back-reference-significance.ts';
import { backReferenceTarget } from './rules/back-reference-target.ts';
import { charset } from './rules/charset.ts';
import { contentContext } from './rules/content-context.ts';
import { contentDateTime } from './rules/content-date-time.ts';
import { contentReferences } from './rules/content-references.ts';
import { contentUnique } from './rules/content-unique.ts';
import { evidenceMatchesContent } from './rules/evidence-matches-content.ts';
import { evidenceOneStudy } from './rules/evidence-one-study.ts';
import { evidenceSeries } from './rules/evidence-series.ts';
import { evidenceSopItems } from './rules/evidence-sop-items.ts';
import { institution } from './rules/institution.ts';
import { instanceNumber } from './rules/instance-number.ts';
import { kinDescriptionCopy } from './rules/kin-description-copy.ts';
import { kinFlagsMatch } from './rules/kin-flags-match.ts';
import { kinListed } from './rules/kin-listed.ts';
import { kinOwnStudy } from './rules/kin-own-study.ts';
import { kinTid2010 } from './rules/kin-tid2010.ts';
import { kinTitle } from './rules/kin-title.ts';
import { kinTitleMatches } from './rules/kin-title-matches.ts';
import { manufacturer } from './rules/manufacturer.ts';
import { modalityKo } from './rules/modality-ko.ts';
import { otherPatientIds } from './rules/other-patient-ids.ts';
import { ownSeries } from './rules/own-series.ts';
import { part10Structure } from './rules/part10-structure.ts';
import { patientDemographics } from './rules/patient-demographics.ts';
import { patientIssuer } from './rules/patient-issuer.ts';
import { patientNationalId } from './rules/patient-national-id.ts';
import { ppssEmpty } from './rules/ppss-empty.ts';
import { requestAccession } from './rules/request-accession.ts';
import { requestOther } from './rules/request-other.ts';
import { requestPlacer } from './rules/request-placer.ts';
import { requestSequence } from './rules/request-sequence.ts';
import { retrieveLocationRegistered } from './rules/retrieve-location-registered.ts';
import { retrieveLocationUid } from './rules/retrieve-location-uid.ts';
import { retrieveUrl } from './rules/retrieve-url.ts';
import { rootContainer } from './rules/root-container.ts';
import { seriesDescription } from './rules/series-description.ts';
import { seriesModality } from './rules/series-modality.ts';
import { seriesNumber } from './rules/series-number.ts';
import { seriesNumberValue } from './rules/series-number-value.ts';
import { sopClass } from './rules/sop-class.ts';
import { sopClassStorage } from './rules/sop-class-storage.ts';
import { sopInstanceUid } from './rules/sop-instance-uid.ts';
import { studyDate } from './rules/study-date.ts';
import { studyDescription } from './rules/study-description.ts';
import { studyType2 } from './rules/study-type2.ts';
import { template2010 } from './rules/template-2010.ts';
import { timezone } from './rules/timezone.ts';
import { titleCid7010 } from './rules/title-cid7010.ts';
import { titleManifest } from './rules/title-manifest.ts';
import { valueEncoding } from './rules/value-encoding.ts';

export type KosRule = Rule<KosView, KosCtx>;

export const PROFILES = ['iod', 'xds-i', 'mcwg', 'kin'] as const;
export type KosProfile = (typeof PROFILES)[number];

export const IOD: KosRule[] = [
  part10Structure,
  sopClass,
  sopInstanceUid,
  modalityKo,
  ownSeries,
  seriesNumber,
  ppssEmpty,
  contentDateTime,
  rootContainer,
  titleCid7010,
  template2010,
  contentReferences,
  contentContext,
  evidenceMatchesContent,
  evidenceOneStudy,
  evidenceSeries,
  evidenceSopItems,
  patientDemographics,
  studyType2,
  charset,
  contentUnique,
  valueEncoding,
];
export const XDS_I: KosRule[] = [titleManifest, retrieveLocationUid, retrieveUrl, retrieveLocationRegistered, sopClassStorage];
export const MCWG: KosRule[] = [
  timezone,
  patientNationalId,
  patientIssuer,
  otherPatientIds,
  studyDate,
  accessionInRequests,
  studyDescription,
  requestSequence,
  requestAccession,
  requestPlacer,
  requestOther,
  manufacturer,
  institution,
  seriesModality,
  seriesDescription,
  seriesNumberValue,
  instanceNumber,
];
/** KIN checks on a manifest: its back-references, and the KINs read alongside. */
export const KIN_MANIFEST: KosRule[] = [
  backReferenceTarget,
  backReferencePurpose,
  backReferenceSignificance,
  kinDescriptionCopy,
  kinListed,
  kinFlagsMatch,
  kinTitleMatches,
];
/** KIN checks on a key-image note itself. */
export const KIN_NOTE: KosRule[] = [kinTitle, kinTid2010, kinOwnStudy];

export const ruleSets: RuleSet[] = [
  ruleSet('kos/iod', IOD),
  ruleSet('kos/xds-i', XDS_I),
  ruleSet('kos/mcwg', MCWG),
  ruleSet('kos/kin', [...KIN_MANIFEST, ...KIN_NOTE]),
];

/** The rules for one file: a manifest gets the manifest profiles, a key-image note the KIN ones. */
export function rulesFor(profiles: readonly KosProfile[], manifest: boolean): KosRule[] {
  const out: KosRule[] = [];
  for (const p of profiles) {
    if (p === 'iod') out.push(...IOD);
    else if (p === 'kin') out.push(...(manifest ? KIN_MANIFEST : KIN_NOTE));
    else if (manifest) out.push(...(p === 'xds-i' ? XDS_I : MCWG));
  }
  return out;
}
