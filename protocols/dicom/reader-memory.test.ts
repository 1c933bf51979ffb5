// The reader's memory per sequence item stays bounded: a manifest of thousands of references
// is read in one short process, where garbage collection copying live data cost as much as the
// rules. Measured in a child node with --expose-gc and a young generation large enough that no
// collection runs while reading (bytes, not time: deterministic on one node version).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { buildManifest } from '../../fixtures/builders/kos.ts';
import { EXAMPLE_AE_TITLE, EXAMPLE_BASE, EXAMPLE_LOCATION, exampleStudy } from '../../fixtures/builders/kos-example.ts';
import type { KosStudy } from '../../fixtures/builders/kos-model.ts';
import { writePart10 } from './writer.ts';

const CHILD = fileURLToPath(new URL('testdata/reader-memory-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mcwg-reader-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function manifest(refs: number): string {
  const study: KosStudy = { ...exampleStudy(), studyInstanceUid: '2.25.777', series: [] };
  for (let s = 0; s * 500 < refs; s++) {
    study.series.push({
      seriesInstanceUid: `2.25.777.${s + 1}`,
      modality: 'CT',
      seriesNumber: String(s + 1),
      description: `series ${s + 1}`,
      date: '20250310',
      time: '091700',
      instances: Array.from({ length: Math.min(500, refs - s * 500) }, (_, i) => ({
        sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
        sopInstanceUid: `2.25.777.${s + 1}.${i + 1}`,
        instanceNumber: String(i + 1),
      })),
    });
  }
  const file = join(dir, `m${refs}.dcm`);
  const opts = { retrieveBase: EXAMPLE_BASE, retrieveLocationUid: EXAMPLE_LOCATION, retrieveAeTitle: EXAMPLE_AE_TITLE };
  writeFileSync(file, writePart10(buildManifest(study, { ...opts, sopInstanceUid: '2.25.777.999', seriesInstanceUid: '2.25.777.59' })));
  return file;
}

test('a manifest reference (three sequence items, eight elements) keeps under 1.5 KB alive and allocates under 1.6 KB', () => {
  const args = ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64', '--import', 'tsx', CHILD];
  const out = execFileSync(process.execPath, [...args, manifest(1000), '1000', manifest(4000), '4000'], { encoding: 'utf8' });
  const { retainedPerReference, allocatedPerReference } = JSON.parse(out) as Record<string, number>;
  // Before items built their paths lazily and took exact-size element arrays: about 2.0 KB
  // retained and 2.0 KB allocated per reference; now about 1.1 and 1.25 KB.
  expect(retainedPerReference).toBeGreaterThan(300);
  expect(retainedPerReference).toBeLessThan(1500);
  expect(allocatedPerReference).toBeLessThan(1600);
}, 60_000);
