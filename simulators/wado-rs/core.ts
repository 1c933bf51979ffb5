// The WADO-RS / QIDO-RS protocol core: a parsed request and the store in, a plan out (error,
// Part 10 retrieve, metadata or a QIDO answer). No I/O here; the adapter streams the plan.
import { acceptsDicomJson, errors, isValidUid, negotiatePart10, type DicomWebError } from '../../protocols/dicomweb/index.ts';
import { checkQuery } from './query-check.ts';
import type { InstanceRecord, SeriesRecord, StudyRecord, WadoStore } from './store.ts';
import { JsonTag } from '../../protocols/dicom/tags.generated.ts';

export interface CoreOptions {
  qido: boolean;
  metadata: boolean;
}

export type Resource = 'retrieve' | 'metadata' | 'search-studies' | 'search-series' | 'search-instances';

export interface WadoRequest {
  resource: Resource;
  study?: string;
  series?: string;
  instance?: string;
  accept?: string;
  query?: Record<string, string | string[]>;
}

export type Plan =
  | { kind: 'error'; error: DicomWebError }
  | { kind: 'retrieve'; instances: InstanceRecord[]; transferSyntax: string }
  | { kind: 'metadata'; instances: InstanceRecord[] }
  | { kind: 'json'; body: Record<string, unknown>[] };

const fail = (error: DicomWebError): Plan => ({ kind: 'error', error });

export function planRequest(store: WadoStore, opts: CoreOptions, req: WadoRequest): Plan {
  const isSearch = req.resource.startsWith('search-');
  if (isSearch && !opts.qido) return fail(errors.notFound('QIDO-RS (switched off)'));
  if (req.resource === 'metadata' && !opts.metadata) return fail(errors.notFound('metadata (switched off)'));
  for (const [what, v] of [
    ['Study Instance UID', req.study],
    ['Series Instance UID', req.series],
    ['SOP Instance UID', req.instance],
  ] as const) {
    if (v !== undefined && !isValidUid(v)) return fail(errors.badUid(what, v));
  }
  // Cheap checks before negotiation and search: a bad parameter is the SUT's error whatever it accepts.
  if (isSearch) {
    const bad = checkQuery(req.query);
    if (bad) return fail(bad);
  }
  if (isSearch || req.resource === 'metadata') {
    if (!acceptsDicomJson(req.accept)) return fail(errors.notAcceptable(req.accept, 'application/dicom+json'));
  }
  if (req.resource === 'search-studies' && req.study === undefined) return { kind: 'json', body: searchStudies(store, single(req.query)) };

  const st = req.study === undefined ? undefined : store.studies.get(req.study);
  if (!st) return fail(errors.notFound(`study ${req.study}`));
  if (req.resource === 'search-series')
    return {
      kind: 'json',
      body: [...st.series.values()]
        .filter((s) => matches(single(req.query), { [JsonTag.SeriesInstanceUID]: s.seriesInstanceUid, [JsonTag.Modality]: s.modality }))
        .map((s) => seriesJson(st, s)),
    };
  const series =
    req.series === undefined ? [...st.series.values()] : [st.series.get(req.series)].filter((s): s is SeriesRecord => s !== undefined);
  if (series.length === 0) return fail(errors.notFound(`series ${req.series}`));
  if (req.resource === 'search-instances') {
    return {
      kind: 'json',
      body: series.flatMap((s) =>
        sortedInstances(s)
          .filter((i) => matches(single(req.query), { [JsonTag.SOPInstanceUID]: i.sopInstanceUid, [JsonTag.SOPClassUID]: i.sopClassUid }))
          .map((i) => instanceJson(st, s, i)),
      ),
    };
  }
  let instances = series.flatMap(sortedInstances);
  if (req.instance !== undefined) {
    instances = instances.filter((i) => i.sopInstanceUid === req.instance);
    if (instances.length === 0) return fail(errors.notFound(`instance ${req.instance}`));
  }
  if (req.resource === 'metadata') return { kind: 'metadata', instances };
  const stored = new Set(instances.map((i) => i.transferSyntax));
  const [only] = stored;
  const choice = stored.size === 1 && only !== undefined ? negotiatePart10(req.accept, only) : negotiatePart10(req.accept, '*');
  if (!choice)
    return fail(errors.notAcceptable(req.accept, `multipart/related; type="application/dicom"; transfer-syntax=${[...stored].join(',')}`));
  return { kind: 'retrieve', instances, transferSyntax: choice.transferSyntax };
}

/** Repeated keys (fastify gives an array) match on their first value, as before. */
function single(query: Record<string, string | string[]> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, [v].flat()[0] ?? '']));
}

function sortedInstances(s: SeriesRecord): InstanceRecord[] {
  return [...s.instances.values()].sort(
    (a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0) || (a.sopInstanceUid < b.sopInstanceUid ? -1 : 1),
  );
}

const KEYWORDS: Record<string, string> = {
  StudyInstanceUID: JsonTag.StudyInstanceUID,
  PatientID: JsonTag.PatientID,
  AccessionNumber: JsonTag.AccessionNumber,
  StudyDate: JsonTag.StudyDate,
  SeriesInstanceUID: JsonTag.SeriesInstanceUID,
  Modality: JsonTag.Modality,
  SOPInstanceUID: JsonTag.SOPInstanceUID,
  SOPClassUID: JsonTag.SOPClassUID,
};

/** Exact matching on the keys we index; unknown keys are ignored (PS3.18 8.3.4.1 lets us). */
function matches(query: Record<string, string> | undefined, fields: Record<string, string | undefined>): boolean {
  for (const [k, v] of Object.entries(query ?? {})) {
    const tag = KEYWORDS[k] ?? k.toUpperCase();
    if (!(tag in fields)) continue;
    const wanted = v.split(',');
    if (!wanted.includes(fields[tag] ?? '')) return false;
  }
  return true;
}

function searchStudies(store: WadoStore, query: Record<string, string>): Record<string, unknown>[] {
  return [...store.studies.values()]
    .filter((st) =>
      matches(query, {
        [JsonTag.StudyInstanceUID]: st.studyInstanceUid,
        [JsonTag.PatientID]: st.patientId,
        [JsonTag.AccessionNumber]: st.accessionNumber,
        [JsonTag.StudyDate]: st.studyDate,
      }),
    )
    .map(studyJson);
}

const str = (vr: string, v: string | undefined) => (v === undefined ? { vr } : { vr, Value: [v] });
const num = (vr: string, v: number | undefined) => (v === undefined ? { vr } : { vr, Value: [v] });

function studyJson(st: StudyRecord): Record<string, unknown> {
  const series = [...st.series.values()];
  return {
    [JsonTag.StudyDate]: str('DA', st.studyDate),
    [JsonTag.StudyTime]: str('TM', st.studyTime),
    [JsonTag.AccessionNumber]: str('SH', st.accessionNumber),
    [JsonTag.ModalitiesInStudy]: { vr: 'CS', Value: [...new Set(series.map((s) => s.modality).filter(Boolean))] },
    [JsonTag.StudyDescription]: str('LO', st.studyDescription),
    [JsonTag.PatientName]: st.patientName === undefined ? { vr: 'PN' } : { vr: 'PN', Value: [{ Alphabetic: st.patientName }] },
    [JsonTag.PatientID]: str('LO', st.patientId),
    [JsonTag.StudyInstanceUID]: str('UI', st.studyInstanceUid),
    [JsonTag.NumberOfStudyRelatedSeries]: num('IS', series.length),
    [JsonTag.NumberOfStudyRelatedInstances]: num(
      'IS',
      series.reduce((n, s) => n + s.instances.size, 0),
    ),
  };
}

function seriesJson(st: StudyRecord, s: SeriesRecord): Record<string, unknown> {
  return {
    [JsonTag.Modality]: str('CS', s.modality),
    [JsonTag.SeriesDescription]: str('LO', s.seriesDescription),
    [JsonTag.StudyInstanceUID]: str('UI', st.studyInstanceUid),
    [JsonTag.SeriesInstanceUID]: str('UI', s.seriesInstanceUid),
    [JsonTag.SeriesNumber]: num('IS', s.seriesNumber),
    [JsonTag.NumberOfSeriesRelatedInstances]: num('IS', s.instances.size),
  };
}

function instanceJson(st: StudyRecord, s: SeriesRecord, i: InstanceRecord): Record<string, unknown> {
  return {
    [JsonTag.SOPClassUID]: str('UI', i.sopClassUid),
    [JsonTag.SOPInstanceUID]: str('UI', i.sopInstanceUid),
    [JsonTag.StudyInstanceUID]: str('UI', st.studyInstanceUid),
    [JsonTag.SeriesInstanceUID]: str('UI', s.seriesInstanceUid),
    [JsonTag.InstanceNumber]: num('IS', i.instanceNumber),
  };
}
