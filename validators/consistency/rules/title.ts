// The entry title names the study: it contains its description or a procedure display from the manifest.
import type { Rule } from '../../rule.ts';
import { fhirPathFor, xpathFor } from '../../../protocols/fhir/index.ts';
import type { ManifestEntryView } from '../view.ts';

export const kosTitle: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.title',
  reqIds: ['META-021'],
  severity: 'warning',
  title: 'title contains the study description or a procedure display',
  check({ facts, entry, origin }) {
    const names = [facts.studyDescription, ...facts.procedureCodes.map((c) => c.display)].filter((x): x is string => !!x).map(norm);
    const t = entry.name?.value;
    // A title that contains a name (e.g. 'CT Thorax (2025-03-14)', 'CT Thorax - follow-up')
    // summarises the study as well as the bare name does.
    if (names.length === 0 || (t && names.some((n) => norm(t).includes(n)))) return [];
    const path = entry.name?.path ?? (origin === 'fhir' ? fhirPathFor(entry.path, 'title') : xpathFor(entry.path, 'title'));
    return [
      {
        path,
        message: `title '${t ?? ''}' contains neither the Study Description nor a procedure display of the manifest (${names.join(' | ')})`,
      },
    ];
  },
};

function norm(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}
