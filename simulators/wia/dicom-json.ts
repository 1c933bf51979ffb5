// WiaStudy -> QIDO-RS DICOM JSON (PS3.18 F.2) at study, series and instance level. Required
// return keys are present even when empty (PS3.18 Table 6.7.1-2); Retrieve URLs point to the
// facade, which proxies them (WIA-005).
import type { DicomJson } from '../wado-rs/dicom-json.ts';
import { procedureCodeSequence } from './procedure.ts';
import type { SeriesExtras, WiaStudy } from './studies.ts';
import type { ManifestSeries } from '../../validators/manifest-facts.ts';

type Attr = DicomJson[string];
const v = (vr: string, value: unknown): Attr => (value === undefined || value === '' ? { vr } : { vr, Value: [value] });

export function studyJson(s: WiaStudy, base: string): DicomJson {
  return {
    '00080005': v('CS', 'ISO_IR 192'),
    '00080020': v('DA', s.date),
    '00080030': v('TM', s.time),
    '00080050': v('SH', s.accession),
    '00080061': s.modalities.length ? { vr: 'CS', Value: [...s.modalities] } : { vr: 'CS' },
    '00081030': v('LO', s.description),
    '00081032': { vr: 'SQ', Value: procedureCodeSequence(s.procedures) },
    '00081190': v('UR', `${base}/studies/${s.studyUid}`),
    '00100010': s.patientName ? { vr: 'PN', Value: [{ Alphabetic: s.patientName }] } : { vr: 'PN' },
    '00100020': v('LO', s.patient.id),
    '00100024': { vr: 'SQ', Value: s.patient.issuerOid ? [{ '00400032': v('UT', s.patient.issuerOid), '00400033': v('CS', 'ISO') }] : [] },
    '00100030': v('DA', s.birthDate),
    '00100040': v('CS', s.sex),
    '0020000D': v('UI', s.studyUid),
    '00201206': v('IS', s.series.length),
    '00201208': v('IS', s.series.reduce((n, x) => n + x.instances.length, 0)),
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
    '00080060': v('CS', seriesModality(s, extras)),
    '0008103E': v('LO', extras?.description),
    '00081190': v('UR', `${base}/studies/${s.studyUid}/series/${se.seriesInstanceUid}`),
    '0020000D': v('UI', s.studyUid),
    '0020000E': v('UI', se.seriesInstanceUid),
    '00200011': v('IS', extras?.number),
    '00201209': v('IS', se.instances.length),
  };
}

export function instanceJson(s: WiaStudy, se: ManifestSeries, i: { sopClassUid: string; sopInstanceUid: string }, base: string): DicomJson {
  return {
    '00080016': v('UI', i.sopClassUid),
    '00080018': v('UI', i.sopInstanceUid),
    '00081190': v('UR', `${base}/studies/${s.studyUid}/series/${se.seriesInstanceUid}/instances/${i.sopInstanceUid}`),
    '0020000D': v('UI', s.studyUid),
    '0020000E': v('UI', se.seriesInstanceUid),
  };
}
