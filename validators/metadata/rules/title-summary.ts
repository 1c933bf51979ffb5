// The title is a human-readable summary for level 2 selection, not a generic label.
import type { Rule, RuleHit } from '../../rule.ts';
import { isManifest } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

const GENERIC = /^(kos|key object selection( document)?|manifest|imaging (study )?manifest|document|untitled|study)$/i;

export const titleSummary: Rule<MetadataView, MetadataCtx> = {
  id: 'mcwg.title.summary',
  reqIds: ['META-021'],
  severity: 'warning',
  title: 'Manifest title summarises the study',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      const t = de.name?.value.trim() ?? '';
      if (t && GENERIC.test(t))
        hits.push({
          path: de.name?.path ?? pathFor(view, de, 'title'),
          message: `DocumentEntry ${de.id}: title '${t}' is generic; give the study description or procedure display name`,
        });
    }
    return hits;
  },
};
