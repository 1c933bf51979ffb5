// The entry of a KOS manifest is classed as an imaging study, never as a report (META-011):
// what the document is (the KOS read from the submission or the MHD Binary) decides, not what
// the metadata claims. Membership of the class value set is mcwg.class-code's finding.
import { DE } from '../../../protocols/ebrim/index.ts';
import { fhirPathFor, xpathFor } from '../../../protocols/fhir/index.ts';
import { loadValueSets } from '../../catalogue/value-sets.ts';
import { codedValues } from '../../metadata/entries.ts';
import type { Rule } from '../../rule.ts';
import type { ManifestEntryView } from '../view.ts';

const MANIFEST_TITLE = '113030';
const CLASS_SET = 'VS-CLASSCODE';

/** VS-CLASSCODE codes that apply to reports only (applies_to in value-sets.yaml). */
function reportOnlyCodes(): { code: string; scheme: string | undefined }[] {
  const vs = loadValueSets().get(CLASS_SET);
  const applies = (c: Record<string, unknown>): string[] => [c.applies_to].flat().filter((x): x is string => typeof x === 'string');
  return (vs?.codes ?? [])
    .filter((c) => applies(c).includes('report') && !applies(c).includes('manifest'))
    .map((c) => ({ code: c.code, scheme: c.scheme ?? vs?.scheme }));
}

export const manifestClass: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.class',
  reqIds: ['META-011'],
  severity: 'error',
  title: 'a KOS manifest is classed as an imaging study, not a report',
  check({ facts, entry, origin }) {
    if (facts.title?.code !== MANIFEST_TITLE) return [];
    const codes = codedValues(entry, DE.classCode);
    const vs = loadValueSets();
    const report = reportOnlyCodes();
    const wrong = codes.find((c) => report.some((r) => r.code === c.code && vs.contains(CLASS_SET, c.code, c.scheme)));
    if (!wrong) return [];
    const path = wrong.path || (origin === 'fhir' ? fhirPathFor(entry.path, 'classCode') : xpathFor(entry.path, 'classCode'));
    const what = origin === 'fhir' ? 'category' : 'classCode';
    return [
      {
        path,
        message: `the document is a KOS manifest (title 113030) but its ${what} is ${wrong.code}${wrong.display ? ` (${wrong.display})` : ''}, a report class; expected the imaging-study class of ${CLASS_SET}`,
      },
    ];
  },
};
