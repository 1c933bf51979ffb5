// QIDO-RS through the WIA facade (RAD-129): study, series and instance searches answered from
// the registry's manifests (WIA-002..004), only within one patient (WIA-006). Transport-free:
// path (relative to the facade's DICOMweb base) and query in, DICOM JSON or a DICOMweb error out.
import { isValidUid, type DicomWebError } from '../../protocols/dicomweb/index.ts';
import type { DicomJson } from '../wado-rs/dicom-json.ts';
import { instanceJson, seriesJson, seriesModality, studyJson } from './dicom-json.ts';
import { ISSUER_KEYS, PATIENT_ID_KEYS, scopeToPatient } from './scope.ts';
import type { WiaOptions, WiaStudy } from './studies.ts';
import { JsonTag } from '../../protocols/dicom/tags.generated.ts';

export type QidoAnswer = { ok: true; body: DicomJson[]; warnings: string[] } | { ok: false; error: DicomWebError };

type Level = 'studies' | 'series' | 'instances';
interface Route {
  level: Level;
  studyUid?: string;
  seriesUid?: string;
}

const CONTROL = new Set(['limit', 'offset', 'includefield', 'fuzzymatching']);
const FILTERS: Record<string, Level[]> = {
  StudyInstanceUID: ['studies', 'series', 'instances'],
  [JsonTag.StudyInstanceUID]: ['studies', 'series', 'instances'],
  AccessionNumber: ['studies', 'series', 'instances'],
  [JsonTag.AccessionNumber]: ['studies', 'series', 'instances'],
  StudyDate: ['studies', 'series', 'instances'],
  [JsonTag.StudyDate]: ['studies', 'series', 'instances'],
  ModalitiesInStudy: ['studies'],
  [JsonTag.ModalitiesInStudy]: ['studies'],
  SeriesInstanceUID: ['series', 'instances'],
  [JsonTag.SeriesInstanceUID]: ['series', 'instances'],
  Modality: ['series', 'instances'],
  [JsonTag.Modality]: ['series', 'instances'],
  SOPInstanceUID: ['instances'],
  [JsonTag.SOPInstanceUID]: ['instances'],
};

export function routeOf(path: string): Route | DicomWebError {
  const p = path
    .replace(/\/+$/, '')
    .split('/')
    .filter((x) => x !== '');
  const bad = (uid: string) => !isValidUid(uid);
  if (p.length === 1 && (p[0] === 'studies' || p[0] === 'series' || p[0] === 'instances')) return { level: p[0] };
  if (p[0] === 'studies' && p[1] && (p.length === 3 || p.length === 5)) {
    if (bad(p[1])) return { status: 400, message: `malformed Study Instance UID: ${JSON.stringify(p[1].slice(0, 80))}` };
    if (p.length === 3 && (p[2] === 'series' || p[2] === 'instances')) return { level: p[2], studyUid: p[1] };
    if (p.length === 5 && p[2] === 'series' && p[3] && p[4] === 'instances') {
      if (bad(p[3])) return { status: 400, message: `malformed Series Instance UID: ${JSON.stringify(p[3].slice(0, 80))}` };
      return { level: 'instances', studyUid: p[1], seriesUid: p[3] };
    }
  }
  return { status: 404, message: `not a QIDO-RS resource: ${path}` };
}

export function answerQido(path: string, params: URLSearchParams, studies: ReadonlyMap<string, WiaStudy>, o: WiaOptions): QidoAnswer {
  const route = routeOf(path);
  if ('status' in route) return { ok: false, error: route };
  let pool: WiaStudy[];
  if (route.studyUid) {
    // A study path names one study, hence one patient: scoped by construction.
    const s = studies.get(route.studyUid);
    pool = s ? [s] : [];
  } else {
    const scoped = scopeToPatient(params, studies.values());
    if (!scoped.ok) return scoped;
    pool = scoped.studies;
  }
  const warnings: string[] = [];
  const filters: [string, string][] = [];
  for (const [k, val] of params) {
    if (CONTROL.has(k) || PATIENT_ID_KEYS.includes(k) || ISSUER_KEYS.includes(k)) continue;
    if (FILTERS[k]?.includes(route.level)) filters.push([k, val]);
    else warnings.push(`299 mcwg "The attribute ${k} is not supported for ${route.level} matching and was ignored"`);
  }
  const page = paging(params);
  if ('status' in page) return { ok: false, error: page };
  for (const [k, val] of filters) {
    if (
      (k === 'StudyInstanceUID' || k === JsonTag.StudyInstanceUID || k === 'SeriesInstanceUID' || k === JsonTag.SeriesInstanceUID) &&
      val.split(',').some((u) => !isValidUid(u.trim()))
    ) {
      return { ok: false, error: { status: 400, message: `malformed UID list in ${k}: ${JSON.stringify(val.slice(0, 80))}` } };
    }
    if ((k === 'StudyDate' || k === JsonTag.StudyDate) && !/^(\d{8})?(-(\d{8})?)?$/.test(val))
      return { ok: false, error: { status: 400, message: `malformed date or range in ${k}: ${JSON.stringify(val.slice(0, 40))}` } };
  }
  const rows = collect(route, pool, filters, o);
  return { ok: true, body: rows.slice(page.offset, page.limit === undefined ? undefined : page.offset + page.limit), warnings };
}

function collect(route: Route, pool: readonly WiaStudy[], filters: readonly [string, string][], o: WiaOptions): DicomJson[] {
  const get = (...keys: string[]) => filters.filter(([k]) => keys.includes(k)).map(([, v]) => v);
  const studies = pool.filter(
    (s) =>
      get('StudyInstanceUID', JsonTag.StudyInstanceUID).every((v) =>
        v
          .split(',')
          .map((x) => x.trim())
          .includes(s.studyUid),
      ) &&
      get('AccessionNumber', JsonTag.AccessionNumber).every((v) => v === s.accession) &&
      get('StudyDate', JsonTag.StudyDate).every((v) => inRange(s.date, v)) &&
      get('ModalitiesInStudy', JsonTag.ModalitiesInStudy).every((v) => s.modalities.includes(v)),
  );
  if (route.level === 'studies') return studies.map((s) => studyJson(s, o.baseUrl));
  const out: DicomJson[] = [];
  for (const s of studies) {
    for (const se of s.series) {
      if (route.seriesUid && se.seriesInstanceUid !== route.seriesUid) continue;
      const extras = o.seriesExtras?.[se.seriesInstanceUid];
      if (
        !get('SeriesInstanceUID', JsonTag.SeriesInstanceUID).every((v) =>
          v
            .split(',')
            .map((x) => x.trim())
            .includes(se.seriesInstanceUid),
        )
      )
        continue;
      if (!get('Modality', JsonTag.Modality).every((v) => seriesModality(s, extras) === v)) continue;
      if (route.level === 'series') out.push(seriesJson(s, se, o.baseUrl, extras));
      else
        for (const i of se.instances)
          if (get('SOPInstanceUID', JsonTag.SOPInstanceUID).every((v) => v.split(',').includes(i.sopInstanceUid)))
            out.push(instanceJson(s, se, i, o.baseUrl));
    }
  }
  return out;
}

/** DA range matching (PS3.4 C.2.2.2.5): 'A', 'A-B', 'A-', '-B'. */
function inRange(date: string | undefined, q: string): boolean {
  if (!date) return false;
  if (!q.includes('-')) return date === q;
  const [from, to] = q.split('-');
  return (!from || date >= from) && (!to || date <= to);
}

function paging(params: URLSearchParams): { offset: number; limit?: number } | DicomWebError {
  const num = (k: string) => {
    const raw = params.get(k);
    if (raw === null) return undefined;
    return /^\d+$/.test(raw) ? Number(raw) : NaN;
  };
  const limit = num('limit');
  const offset = num('offset');
  if (Number.isNaN(limit) || Number.isNaN(offset)) return { status: 400, message: 'limit and offset must be non-negative integers' };
  return { offset: offset ?? 0, ...(limit === undefined ? {} : { limit }) };
}
