// The facade's view of the sharing infrastructure: one study per Study Instance UID, built
// from the approved manifest DocumentEntries of the registry and the KOS manifests they
// point to (WIA-002). Two manifests of one study merge their series.
import { DE, externalIdOf, parseCx, STATUS, type DocumentEntry } from '../../protocols/ebrim/index.ts';
import type { ManifestFacts, ManifestSeries } from '../../validators/manifest-facts.ts';
import { REF_TYPE, referenceIds } from '../../validators/metadata/entries.ts';
import { eventModalities, procedureCodes, type ProcedureCode } from './procedure.ts';

export interface WiaRecord {
  /** The manifest's DocumentEntry as the registry returns it. */
  entry: DocumentEntry;
  /** The KOS the entry points to, as facts. */
  manifest: ManifestFacts;
}

/** What a KOS does not say about a series, when a deployment knows it (e.g. from the source). */
export interface SeriesExtras {
  modality?: string;
  description?: string;
  number?: number;
}

export interface WiaOptions {
  /** The facade's own DICOMweb base: Retrieve URLs in answers point back to it. */
  baseUrl: string;
  procedureSchemes?: readonly string[];
  seriesExtras?: Readonly<Record<string, SeriesExtras>>;
}

export interface WiaStudy {
  studyUid: string;
  patient: { id: string; issuerOid: string };
  patientName?: string;
  birthDate?: string;
  sex?: string;
  date?: string;
  time?: string;
  accession?: string;
  description?: string;
  modalities: string[];
  procedures: ProcedureCode[];
  series: ManifestSeries[];
}

export function indexStudies(records: readonly WiaRecord[], o: WiaOptions): Map<string, WiaStudy> {
  const out = new Map<string, WiaStudy>();
  for (const { entry, manifest: m } of records) {
    if (entry.status === STATUS.deprecated) continue; // replaced manifests are history, not the study
    const refs = referenceIds(entry);
    const studyUid = m.studyInstanceUid || refs.find((r) => r.type === REF_TYPE.study)?.id || '';
    if (!studyUid) continue;
    const cx = parseCx(externalIdOf(entry, DE.patientId)?.value ?? '');
    const start = entry.slots.find((s) => s.name === 'serviceStartTime')?.values[0] ?? '';
    const prev = out.get(studyUid);
    const series = mergeSeries(prev?.series ?? [], m.series);
    const modalities = unique([...(prev?.modalities ?? []), ...m.modalities, ...eventModalities(entry)]);
    out.set(studyUid, {
      studyUid,
      patient: { id: cx.id, issuerOid: cx.authorityOid },
      ...opt('patientName', m.patientName),
      ...opt('birthDate', m.patientBirthDate),
      ...opt('sex', m.patientSex),
      ...opt('date', m.studyDate || start.slice(0, 8)),
      ...opt('time', m.studyTime || start.slice(8)),
      ...opt('accession', m.accessionNumber || refs.find((r) => r.type === REF_TYPE.accession)?.id),
      ...opt('description', m.studyDescription || entry.name?.value),
      modalities,
      procedures: prev && prev.procedures.length > 0 ? prev.procedures : procedureCodes(entry, o.procedureSchemes),
      series,
    });
  }
  return out;
}

function mergeSeries(a: readonly ManifestSeries[], b: readonly ManifestSeries[]): ManifestSeries[] {
  const by = new Map(a.map((s) => [s.seriesInstanceUid, { ...s, instances: [...s.instances] }]));
  for (const s of b) {
    const have = by.get(s.seriesInstanceUid);
    if (!have) by.set(s.seriesInstanceUid, { ...s, instances: [...s.instances] });
    else for (const i of s.instances) if (!have.instances.some((x) => x.sopInstanceUid === i.sopInstanceUid)) have.instances.push(i);
  }
  return [...by.values()];
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs.filter((x) => x !== ''))];
}

function opt<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v ? { [k]: v } : {}) as { [P in K]?: string };
}
