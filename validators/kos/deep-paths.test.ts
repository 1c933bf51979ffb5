// Finding paths in a large manifest: item paths are built only when a finding needs one (the
// reader keeps a parent, tag and index per item), so a broken item deep in a long sequence
// must still be named exactly, with multi-digit indexes, and the findings keep their order.
import { describe, expect, test } from 'vitest';
import { buildManifest } from '../../fixtures/builders/kos.ts';
import { EXAMPLE_AE_TITLE, EXAMPLE_BASE, EXAMPLE_LOCATION, exampleStudy } from '../../fixtures/builders/kos-example.ts';
import type { KosStudy } from '../../fixtures/builders/kos-model.ts';
import { type WDataSet, writePart10 } from '../../protocols/dicom/writer.ts';
import { validateKos } from './validate.ts';

const SERIES = 4;
const PER_SERIES = 400;

/** A manifest of SERIES x PER_SERIES references, as the benchmark builds them. */
function bigManifest(): WDataSet {
  const study: KosStudy = { ...exampleStudy(), studyInstanceUid: '2.25.4242', series: [] };
  for (let s = 0; s < SERIES; s++) {
    study.series.push({
      seriesInstanceUid: `2.25.4242.${s + 1}`,
      modality: 'CT',
      seriesNumber: String(s + 1),
      description: `series ${s + 1}`,
      date: '20250310',
      time: '091700',
      instances: Array.from({ length: PER_SERIES }, (_, i) => ({
        sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
        sopInstanceUid: `2.25.4242.${s + 1}.${i + 1}`,
        instanceNumber: String(i + 1),
      })),
    });
  }
  return buildManifest(study, {
    retrieveBase: EXAMPLE_BASE,
    retrieveLocationUid: EXAMPLE_LOCATION,
    retrieveAeTitle: EXAMPLE_AE_TITLE,
    sopInstanceUid: '2.25.4242.999',
    seriesInstanceUid: '2.25.4242.59',
  });
}

const items = (ds: WDataSet, key: string): WDataSet[] => ds[key]!.value as WDataSet[];
const EVIDENCE = '(0040,A375)';
const SERIES_SEQ = '(0008,1115)';
const SOP_SEQ = '(0008,1199)';
const CONTENT = '(0040,A730)';

describe('finding paths deep in a 1,600-reference manifest', () => {
  test('the conformant manifest has no finding', () => {
    expect(validateKos(writePart10(bigManifest()), { artefact: 'big.dcm' })).toEqual([]);
  });

  test('a broken evidence reference and a broken content item are named exactly, in rule order', () => {
    const ds = bigManifest();
    // Series 3 (index 2), reference 378 (index 377): an instance UID with a leading-zero component.
    const ref = items(items(items(ds, EVIDENCE)[0]!, SERIES_SEQ)[2]!, SOP_SEQ)[377]!;
    ref['(0008,1155)'] = { vr: 'UI', value: '2.25.4242.03.378' };
    // Content item 1,234: a relationship type the reference items may not use.
    items(ds, CONTENT)[1234]!['(0040,A010)'] = { vr: 'CS', value: 'HAS PROPERTIES' };
    const findings = validateKos(writePart10(ds), { artefact: 'big.dcm' }).map((f) => [f.ruleId, f.location.path]);
    const evidenceUid = `${EVIDENCE}[0]>${SERIES_SEQ}[2]>${SOP_SEQ}[377]>(0008,1155)`;
    const contentUid = `${CONTENT}[1177]>${SOP_SEQ}[0]>(0008,1155)`;
    expect(findings).toEqual([
      ['kos.content.references', `${CONTENT}[1234]>(0040,A010)`],
      ['kos.evidence.matches-content', evidenceUid],
      ['kos.evidence.matches-content', contentUid],
      ['kos.evidence.sop-items', evidenceUid],
      ['kos.iod.value-encoding', evidenceUid],
    ]);
  });

  test('reading problems inside a deep item carry the item path', () => {
    const bytes = writePart10(bigManifest());
    // Turn the item tag of content item 1,500 into something else: the sequence breaks there.
    const b = Buffer.from(bytes);
    const content = b.indexOf(Buffer.from([0x40, 0x00, 0x30, 0xa7]), 132);
    let p = content + 12;
    for (let i = 0; i < 1500; i++) p += 8 + b.readUInt32LE(p + 4);
    b.writeUInt16LE(0xe001, p + 2);
    const findings = validateKos(b, { artefact: 'big.dcm' });
    expect(findings[0]).toMatchObject({ ruleId: 'kos.part10.structure', location: { path: `${CONTENT}[1500]` } });
    expect(findings[0]!.message).toContain('(FFFE,E001) where a sequence item (FFFE,E000) was expected');
  });
});
