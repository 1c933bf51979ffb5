// What the reference Imaging Document Source publishes: a small synthetic study, a key-image
// note stored in it, and the XDS-I.b manifest of the whole study, all from our own builders.
// Deterministic: the same seed gives the same UIDs, so the golden run stays byte-stable.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WDataSet } from '../../protocols/dicom/writer.ts';
import { writePart10 } from '../../protocols/dicom/writer.ts';
import { buildKin, buildManifest } from '../../fixtures/builders/kos.ts';
import { KOS_CLASS, type KinSpec, type KosStudy } from '../../fixtures/builders/kos-model.ts';
import { scanStudy } from '../../fixtures/builders/kos-scan.ts';
import { buildStudy } from '../../fixtures/builders/study.ts';
import { seededUid } from '../../fixtures/builders/uids.ts';

/** The affinity domain the reference SUT and our registry share. */
export const DOMAIN = {
  patientId: 'MCWG0001',
  issuerOid: '1.3.6.1.4.1.21367.13.20.1000',
  issuerLabel: 'IHERED',
  accessionIssuerOid: '1.3.6.1.4.1.21367.13.20.2000',
  placerIssuerOid: '1.3.6.1.4.1.21367.13.20.3000',
} as const;

export const SEED = 'mcwg-reference-sut';

export interface StudyFiles {
  /** The study as scanned from its image files (no KO series yet). */
  study: KosStudy;
  /** Image files, relative to the source folder. */
  files: string[];
  kin: KinSpec;
  kinBytes: Buffer;
}

/** 2 series x 5 small CT slices: enough for every check, fast to serve. */
export async function buildSourceStudy(dir: string): Promise<StudyFiles> {
  const built = await buildStudy(dir, {
    instances: 10,
    series: 2,
    rows: 16,
    columns: 16,
    seed: SEED,
    patientId: DOMAIN.patientId,
    issuer: DOMAIN.issuerLabel,
    accessionNumber: 'ACC0001',
  });
  const scan = scanStudy(dir, {
    patientIssuerOid: DOMAIN.issuerOid,
    accessionIssuerOid: DOMAIN.accessionIssuerOid,
    placerIssuerOid: DOMAIN.placerIssuerOid,
  });
  if (!scan.study) throw new Error(`reference SUT: no study read back from ${dir}`);
  const study = scan.study;
  const images = study.series.flatMap((s) => s.instances);
  const kin: KinSpec = {
    seriesInstanceUid: seededUid(SEED, 'kin-series'),
    sopInstanceUid: seededUid(SEED, 'kin'),
    title: { code: '113000', meaning: 'Of Interest' },
    description: '2 key images selected by the reference SUT',
    flagged: [images[1]!.sopInstanceUid, images[6]!.sopInstanceUid],
  };
  study.series.push({
    seriesInstanceUid: kin.seriesInstanceUid,
    modality: 'KO',
    seriesNumber: '90',
    description: 'Key images',
    date: study.studyDate,
    time: study.studyTime,
    instances: [{ sopClassUid: KOS_CLASS, sopInstanceUid: kin.sopInstanceUid, instanceNumber: '1' }],
  });
  return {
    study,
    files: built.study.series.flatMap((s) => s.instances.map((i) => i.file)),
    kin,
    kinBytes: writePart10(buildKin(study, kin)),
  };
}

/** The folder the SUT's WADO-RS source serves: the images (minus `withhold`) and the KIN. */
export async function buildWadoFolder(src: string, dest: string, s: StudyFiles, withhold: ReadonlySet<string> = new Set()): Promise<void> {
  for (const f of s.files) {
    if (withhold.has(f)) continue;
    await mkdir(dirname(join(dest, f)), { recursive: true });
    await copyFile(join(src, f), join(dest, f));
  }
  await mkdir(join(dest, 'kin'), { recursive: true });
  await writeFile(join(dest, 'kin', 'kin.dcm'), s.kinBytes);
}

export function manifestDataSet(s: StudyFiles, wadoBase: string): WDataSet {
  return buildManifest(s.study, {
    retrieveBase: wadoBase,
    retrieveLocationUid: seededUid(SEED, 'location'),
    sopInstanceUid: seededUid(SEED, 'manifest'),
    seriesInstanceUid: seededUid(SEED, 'manifest-series'),
    kins: [s.kin],
    contentDate: s.study.studyDate,
    contentTime: '113000',
  });
}
