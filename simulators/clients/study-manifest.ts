// ManifestFacts from a study.json (scripts/make-study.sh or `mcwg fixtures study`), for tests and
// the probe before a real KOS is at hand; kosFacts() gives the same from a KOS.
import type { ManifestFacts } from '../../validators/manifest-facts.ts';

/** The study.json fields used here (structural: both writers produce them). */
export interface StudyJsonLike {
  patientId: string;
  issuerOfPatientId?: string;
  patientName?: string;
  accessionNumber?: string;
  studyInstanceUid: string;
  studyDate?: string;
  studyDescription?: string;
  series: { seriesInstanceUid: string; modality?: string; instances: { sopClassUid: string; sopInstanceUid: string }[] }[];
}

export function manifestFromStudyJson(study: StudyJsonLike, wadoBase?: string): ManifestFacts {
  const facts: ManifestFacts = {
    sopInstanceUid: '2.25.1',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.88.59',
    patient: { id: study.patientId, ...(study.issuerOfPatientId ? { issuer: study.issuerOfPatientId } : {}) },
    otherPatientIds: [],
    studyInstanceUid: study.studyInstanceUid,
    placerOrderNumbers: [],
    fillerOrderNumbers: [],
    requestedProcedureIds: [],
    procedureCodes: [],
    modalities: [...new Set(study.series.map((s) => s.modality).filter((m): m is string => Boolean(m)))],
    series: study.series.map((s) => ({
      seriesInstanceUid: s.seriesInstanceUid,
      ...(wadoBase
        ? { retrieveUrl: `${wadoBase.replace(/\/+$/, '')}/studies/${study.studyInstanceUid}/series/${s.seriesInstanceUid}` }
        : {}),
      instances: s.instances.map((i) => ({ sopClassUid: i.sopClassUid, sopInstanceUid: i.sopInstanceUid })),
    })),
  };
  if (study.patientName) facts.patientName = study.patientName;
  if (study.accessionNumber) facts.accessionNumber = study.accessionNumber;
  if (study.studyDate) facts.studyDate = study.studyDate;
  if (study.studyDescription) facts.studyDescription = study.studyDescription;
  return facts;
}
