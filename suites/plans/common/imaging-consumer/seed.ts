// The test data of the consumer plan: three small studies of one patient, told apart by the
// MCWG filters (modality, date, accession, Study Instance UID). Each is served by our WADO-RS
// source and its manifest is registered in our registry/repository. The target is the one the
// instructions ask the SUT to find; the others are decoys an over-broad query also returns.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePart10 } from '../../../../protocols/dicom/writer.ts';
import { buildKin, buildManifest } from '../../../../fixtures/builders/kos.ts';
import { KOS_CLASS, type KinSpec, type KosStudy } from '../../../../fixtures/builders/kos-model.ts';
import { scanStudy } from '../../../../fixtures/builders/kos-scan.ts';
import { buildStudy } from '../../../../fixtures/builders/study.ts';
import { seededUid } from '../../../../fixtures/builders/uids.ts';

export const IDC_DOMAIN = {
  patientId: 'MCWG0100',
  issuerOid: '1.3.6.1.4.1.21367.13.20.1000',
  issuerLabel: 'IHERED',
  accessionIssuerOid: '1.3.6.1.4.1.21367.13.20.2000',
} as const;
const SEED = 'mcwg-idc';

interface StudySpec {
  key: 'target' | 'older-ct' | 'mr';
  modality: string;
  date: string;
  accession: string;
}

/** The target first. */
export const STUDY_SPECS: readonly StudySpec[] = [
  { key: 'target', modality: 'CT', date: '20240115', accession: 'ACC-IDC-1' },
  { key: 'older-ct', modality: 'CT', date: '20220301', accession: 'ACC-IDC-2' },
  { key: 'mr', modality: 'MR', date: '20240110', accession: 'ACC-IDC-3' },
];

export interface SeededStudy {
  key: StudySpec['key'];
  modality: string;
  date: string;
  accession: string;
  study: KosStudy;
  manifestUid: string;
  manifest: Buffer;
  /** The key-image note stored in the study (KO series), whose flags the manifest back-references. */
  kin?: KinSpec;
}

/**
 * Builds the studies' images under `dir` (one folder each); manifests point at `wadoBase`. With
 * `keyImages`, the target gets a second image series and a key-image note (KIN, title 113000 Of
 * Interest) in a KO series, flagging the first image of its first series: the KIN-012/013 data.
 */
export async function buildStudies(
  dir: string,
  opts: { keyImages?: boolean } = {},
): Promise<{ key: StudySpec['key']; study: KosStudy; kin?: KinSpec }[]> {
  const out: { key: StudySpec['key']; study: KosStudy; kin?: KinSpec }[] = [];
  for (const spec of STUDY_SPECS) {
    const sdir = join(dir, spec.key);
    const withKin = opts.keyImages === true && spec.key === 'target';
    await buildStudy(sdir, {
      instances: withKin ? 4 : 2,
      series: withKin ? 2 : 1,
      rows: 8,
      columns: 8,
      seed: `${SEED}-${spec.key}`,
      patientId: IDC_DOMAIN.patientId,
      issuer: IDC_DOMAIN.issuerLabel,
      accessionNumber: spec.accession,
    });
    const scan = scanStudy(sdir, { patientIssuerOid: IDC_DOMAIN.issuerOid, accessionIssuerOid: IDC_DOMAIN.accessionIssuerOid });
    if (!scan.study) throw new Error(`consumer plan: no study read back from ${sdir}`);
    // Registry metadata and manifest carry the spec's modality and date (the images keep theirs).
    const study: KosStudy = {
      ...scan.study,
      studyDate: spec.date,
      series: scan.study.series.map((s) => ({ ...s, modality: spec.modality, date: spec.date })),
    };
    if (!withKin) {
      out.push({ key: spec.key, study });
      continue;
    }
    const kin: KinSpec = {
      seriesInstanceUid: seededUid(SEED, 'kin-series'),
      sopInstanceUid: seededUid(SEED, 'kin'),
      title: { code: '113000', meaning: 'Of Interest' },
      description: 'Key image of the plan',
      flagged: [study.series[0]!.instances[0]!.sopInstanceUid],
    };
    study.series.push({
      seriesInstanceUid: kin.seriesInstanceUid,
      modality: 'KO',
      seriesNumber: '99',
      description: 'Key images',
      date: spec.date,
      instances: [{ sopClassUid: KOS_CLASS, sopInstanceUid: kin.sopInstanceUid, instanceNumber: '1' }],
    });
    // Stored in the study at the source, as the modality or PACS would have.
    await mkdir(join(sdir, 'kin'), { recursive: true });
    await writeFile(join(sdir, 'kin', 'kin.dcm'), writePart10(buildKin(study, kin)));
    out.push({ key: spec.key, study, kin });
  }
  return out;
}

export function manifestOf(
  key: StudySpec['key'],
  study: KosStudy,
  wadoBase: string,
  kin?: KinSpec,
): { manifestUid: string; manifest: Buffer } {
  const manifestUid = seededUid(SEED, `manifest-${key}`);
  const ds = buildManifest(study, {
    retrieveBase: wadoBase,
    retrieveLocationUid: seededUid(SEED, 'location'),
    sopInstanceUid: manifestUid,
    seriesInstanceUid: seededUid(SEED, `manifest-series-${key}`),
    contentDate: study.studyDate,
    contentTime: '120000',
    ...(kin ? { kins: [kin] } : {}),
  });
  return { manifestUid, manifest: writePart10(ds) };
}

export function specOf(key: StudySpec['key']): StudySpec {
  return STUDY_SPECS.find((s) => s.key === key)!;
}
