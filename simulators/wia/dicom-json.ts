// WiaStudy -> QIDO-RS DICOM JSON (PS3.18 F.2) at study, series and instance level. Required
// return keys are present even when empty (PS3.18 Table 6.7.1-2); Retrieve URLs point to the
// facade, which proxies them (WIA-005).
import type { DicomJson } from '../wado-rs/dicom-json.ts';
import { procedureCodeSequence } from './procedure.ts';
import type { SeriesExtras, WiaStudy } from './studies.ts';
import type { ManifestSeries } from '../../validators/manifest-facts.ts';
import { JsonTag } from '../../protocols/dicom/tags.generated.ts';

type Attr = DicomJson[string];
const v = (vr: string, value: unknown): Attr => (value === undefined || value === '' ? { vr } : { vr, Value: [value] });

export function studyJson(s: WiaStudy, base: string): DicomJson {
  return {
    [JsonTag.SpecificCharacterSet]: v('CS', 'ISO_IR 192'),
    [JsonTag.StudyDate]: v('DA', s.date),
    [JsonTag.StudyTime]: v('TM', s.time),
    [JsonTag.AccessionNumber]: v('SH', s.accession),
    [JsonTag.ModalitiesInStudy]: s.modalities.length ? { vr: 'CS', Value: [...s.modalities] } : { vr: 'CS' },
    [JsonTag.StudyDescription]: v('LO', s.description),
    [JsonTag.ProcedureCodeSequence]: { vr: 'SQ', Value: procedureCodeSequence(s.procedures) },
    [JsonTag.RetrieveURL]: v('UR', `${base}/studies/${s.studyUid}`),
    [JsonTag.PatientName]: s.patientName ? { vr: 'PN', Value: [{ Alphabetic: s.patientName }] } : { vr: 'PN' },
    [JsonTag.PatientID]: v('LO', s.patient.id),
    [JsonTag.IssuerOfPatientIDQualifiersSequence]: {
      vr: 'SQ',
      Value: s.patient.issuerOid
        ? [{ [JsonTag.UniversalEntityID]: v('UT', s.patient.issuerOid), [JsonTag.UniversalEntityIDType]: v('CS', 'ISO') }]
        : [],
    },
    [JsonTag.PatientBirthDate]: v('DA', s.birthDate),
    [JsonTag.PatientSex]: v('CS', s.sex),
    [JsonTag.StudyInstanceUID]: v('UI', s.studyUid),
    [JsonTag.NumberOfStudyRelatedSeries]: v('IS', s.series.length),
    [JsonTag.NumberOfStudyRelatedInstances]: v(
      'IS',
      s.series.reduce((n, x) => n + x.instances.length, 0),
    ),
  };
}

// A KOS lists series without their modality; with one imaging modality in the study it is that one.
const NON_IMAGE = new Set(['KO', 'SR', 'PR', 'DOC']);

export function seriesModality(s: WiaStudy, extras: SeriesExtras | undefined): string | undefined {
  if (extras?.modality) return extras.modality;
  const imaging = s.modalities.filter((m) => !NON_IMAGE.has(m));
  return imaging.length === 1 ? imaging[0] : undefined;
}

export function seriesJson(s: WiaStudy, se: ManifestSeries, base: string, extras?: SeriesExtras): DicomJson {
  return {
    [JsonTag.Modality]: v('CS', seriesModality(s, extras)),
    [JsonTag.SeriesDescription]: v('LO', extras?.description),
    [JsonTag.RetrieveURL]: v('UR', `${base}/studies/${s.studyUid}/series/${se.seriesInstanceUid}`),
    [JsonTag.StudyInstanceUID]: v('UI', s.studyUid),
    [JsonTag.SeriesInstanceUID]: v('UI', se.seriesInstanceUid),
    [JsonTag.SeriesNumber]: v('IS', extras?.number),
    [JsonTag.NumberOfSeriesRelatedInstances]: v('IS', se.instances.length),
  };
}

export function instanceJson(s: WiaStudy, se: ManifestSeries, i: { sopClassUid: string; sopInstanceUid: string }, base: string): DicomJson {
  return {
    [JsonTag.SOPClassUID]: v('UI', i.sopClassUid),
    [JsonTag.SOPInstanceUID]: v('UI', i.sopInstanceUid),
    [JsonTag.RetrieveURL]: v('UR', `${base}/studies/${s.studyUid}/series/${se.seriesInstanceUid}/instances/${i.sopInstanceUid}`),
    [JsonTag.StudyInstanceUID]: v('UI', s.studyUid),
    [JsonTag.SeriesInstanceUID]: v('UI', se.seriesInstanceUid),
  };
}
