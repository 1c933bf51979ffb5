// A study's WADO-RS metadata (DICOM JSON, one object per instance) as what the viewer page
// shows: study header, series in series-number order, instances in instance-number order, and
// for each instance the WADO-RS /rendered URL its thumbnail loads from.
import type { DicomJson } from '../wado-rs/dicom-json.ts';

export interface ViewerInstance { sopInstanceUid: string; number?: number; rendered: string }
export interface ViewerSeries { seriesUid: string; modality: string; description: string; number?: number; instances: ViewerInstance[] }
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
    const seriesUid = str(ds, '0020000E');
    let s = series.get(seriesUid);
    if (!s) {
      const n = num(ds, '00200011');
      s = { seriesUid, modality: str(ds, '00080060'), description: str(ds, '0008103E'), ...(n === undefined ? {} : { number: n }), instances: [] };
      series.set(seriesUid, s);
    }
    const sop = str(ds, '00080018');
    const n = num(ds, '00200013');
    s.instances.push({ sopInstanceUid: sop, ...(n === undefined ? {} : { number: n }), rendered: `${wadoBase}/studies/${studyUid}/series/${seriesUid}/instances/${sop}/rendered` });
  }
  const byNumber = (a: { number?: number }, b: { number?: number }) => (a.number ?? Infinity) - (b.number ?? Infinity);
  const list = [...series.values()].sort(byNumber);
  for (const s of list) s.instances.sort(byNumber);
  return {
    studyUid,
    patientName: str(first, '00100010').replace(/\^/g, ' ').trim(),
    patientId: str(first, '00100020'),
    studyDate: formatDate(str(first, '00080020')),
    description: str(first, '00081030'),
    accession: str(first, '00080050'),
    series: list,
  };
}

function formatDate(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da;
}
