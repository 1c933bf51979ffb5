// A study's WADO-RS metadata (DICOM JSON, one object per instance) as what the viewer page
// shows: study header, series in series-number order, instances in instance-number order, and
// for each instance the WADO-RS /rendered URL its thumbnail loads from.
import type { DicomJson } from '../wado-rs/dicom-json.ts';
import { JsonTag } from '../../protocols/dicom/tags.generated.ts';

export interface ViewerInstance {
  sopInstanceUid: string;
  number?: number;
  rendered: string;
}
export interface ViewerSeries {
  seriesUid: string;
  modality: string;
  description: string;
  number?: number;
  instances: ViewerInstance[];
}
export interface ViewerStudy {
  studyUid: string;
  patientName: string;
  patientId: string;
  studyDate: string;
  description: string;
  accession: string;
  series: ViewerSeries[];
}

const str = (ds: DicomJson | undefined, tag: string): string => {
  const v = ds?.[tag]?.Value?.[0];
  if (v && typeof v === 'object' && 'Alphabetic' in v) return String((v as { Alphabetic: unknown }).Alphabetic ?? '');
  return v === undefined || v === null ? '' : String(v);
};
const num = (ds: DicomJson, tag: string): number | undefined => {
  const n = Number(str(ds, tag));
  return str(ds, tag) === '' || Number.isNaN(n) ? undefined : n;
};

export function studyView(studyUid: string, metadata: readonly DicomJson[], wadoBase: string): ViewerStudy {
  const first = metadata[0];
  const series = new Map<string, ViewerSeries>();
  for (const ds of metadata) {
    const seriesUid = str(ds, JsonTag.SeriesInstanceUID);
    let s = series.get(seriesUid);
    if (!s) {
      const n = num(ds, JsonTag.SeriesNumber);
      s = {
        seriesUid,
        modality: str(ds, JsonTag.Modality),
        description: str(ds, JsonTag.SeriesDescription),
        ...(n === undefined ? {} : { number: n }),
        instances: [],
      };
      series.set(seriesUid, s);
    }
    const sop = str(ds, JsonTag.SOPInstanceUID);
    const n = num(ds, JsonTag.InstanceNumber);
    s.instances.push({
      sopInstanceUid: sop,
      ...(n === undefined ? {} : { number: n }),
      rendered: `${wadoBase}/studies/${studyUid}/series/${seriesUid}/instances/${sop}/rendered`,
    });
  }
  const byNumber = (a: { number?: number }, b: { number?: number }) => (a.number ?? Infinity) - (b.number ?? Infinity);
  const list = [...series.values()].sort(byNumber);
  for (const s of list) s.instances.sort(byNumber);
  return {
    studyUid,
    patientName: str(first, JsonTag.PatientName).replace(/\^/g, ' ').trim(),
    patientId: str(first, JsonTag.PatientID),
    studyDate: formatDate(str(first, JsonTag.StudyDate)),
    description: str(first, JsonTag.StudyDescription),
    accession: str(first, JsonTag.AccessionNumber),
    series: list,
  };
}

function formatDate(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da;
}
