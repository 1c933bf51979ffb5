// The simulator's store: an index of a folder of Part 10 files, built once at start from the
// headers only. Bodies stay on disk and are streamed from there.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Dicom } from '../../protocols/dicom/values.ts';
import { readHeader } from './header.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export interface InstanceRecord {
  path: string;
  size: number;
  transferSyntax: string;
  sopClassUid: string;
  sopInstanceUid: string;
  instanceNumber?: number;
  /**
   * The file's SHA-256, computed the first time it is served, with the identity of the file
   * version it belongs to (inode, size, modification and change times in ns): a retrieve reuses
   * it only while the file it opened has that identity, and hashes the bytes again otherwise.
   */
  digest?: { identity: string; sha256: string };
}

export interface SeriesRecord {
  seriesInstanceUid: string;
  modality?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  instances: Map<string, InstanceRecord>;
}

export interface StudyRecord {
  studyInstanceUid: string;
  patientId?: string;
  patientName?: string;
  studyDate?: string;
  studyTime?: string;
  accessionNumber?: string;
  studyDescription?: string;
  series: Map<string, SeriesRecord>;
}

export interface WadoStore {
  studies: Map<string, StudyRecord>;
  /** Files that were not readable DICOM, with the reason: reported at start, not served. */
  skipped: { path: string; reason: string }[];
}

export async function indexFolder(dir: string): Promise<WadoStore> {
  const store: WadoStore = { studies: new Map(), skipped: [] };
  for await (const path of walk(dir)) {
    if (path.endsWith('.json')) continue;
    try {
      await addFile(store, path);
    } catch (err) {
      store.skipped.push({ path, reason: (err as Error).message });
    }
  }
  return store;
}

async function addFile(store: WadoStore, path: string): Promise<void> {
  const f = await readHeader(path);
  const fatal = f.problems.find((p) => p.fatal);
  if (fatal) throw new Error(fatal.message);
  const d = new Dicom(f);
  const r = d.root;
  const study = d.str(r, Tag.StudyInstanceUID);
  const series = d.str(r, Tag.SeriesInstanceUID);
  const sop = d.str(r, Tag.SOPInstanceUID);
  if (!study || !series || !sop) throw new Error('missing Study, Series or SOP Instance UID');
  let st = store.studies.get(study);
  if (!st) {
    st = { studyInstanceUid: study, series: new Map() };
    assign(st, {
      patientId: d.str(r, Tag.PatientID),
      patientName: d.str(r, Tag.PatientName),
      studyDate: d.str(r, Tag.StudyDate),
      studyTime: d.str(r, Tag.StudyTime),
      accessionNumber: d.str(r, Tag.AccessionNumber),
      studyDescription: d.str(r, Tag.StudyDescription),
    });
    store.studies.set(study, st);
  }
  let se = st.series.get(series);
  if (!se) {
    se = { seriesInstanceUid: series, instances: new Map() };
    const num = d.str(r, Tag.SeriesNumber);
    assign(se, {
      modality: d.str(r, Tag.Modality),
      seriesDescription: d.str(r, Tag.SeriesDescription),
      seriesNumber: num === undefined ? undefined : Number(num),
    });
    st.series.set(series, se);
  }
  const inst: InstanceRecord = {
    path,
    size: (await stat(path)).size,
    transferSyntax: f.transferSyntaxUid ?? '1.2.840.10008.1.2.1',
    sopClassUid: d.str(r, Tag.SOPClassUID) ?? '',
    sopInstanceUid: sop,
  };
  const n = d.str(r, Tag.InstanceNumber);
  if (n !== undefined && Number.isFinite(Number(n))) inst.instanceNumber = Number(n);
  se.instances.set(sop, inst);
}

function assign<T extends object>(target: T, values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) (target as Record<string, unknown>)[k] = v;
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}
