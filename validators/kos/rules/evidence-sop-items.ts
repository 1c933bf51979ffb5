import type { DataSet } from '../../../protocols/dicom/data-set.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceSeries, uidProblem, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const evidenceSopItems: Rule<KosView> = {
  id: 'kos.evidence.sop-items',
  reqIds: ['KOS-017'],
  severity: 'error',
  title: 'Each referenced instance has valid class and instance UIDs, listed once',
  check(v) {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    // Index loops: this runs once per reference, cold, where for-of allocates per step.
    const series = evidenceSeries(v);
    for (let s = 0; s < series.length; s++) {
      const refs = v.d.items(series[s]!, Tag.ReferencedSOPSequence);
      if (refs.length === 0)
        hits.push({ path: at(series[s]!, Tag.ReferencedSOPSequence), message: 'ReferencedSOPSequence is absent or empty' });
      for (let i = 0; i < refs.length; i++) {
        const r = refs[i]!;
        checkUid(v, r, Tag.ReferencedSOPClassUID, 'ReferencedSOPClassUID', hits);
        const inst = checkUid(v, r, Tag.ReferencedSOPInstanceUID, 'ReferencedSOPInstanceUID', hits);
        if (inst === undefined) continue;
        if (seen.has(inst))
          hits.push({ path: at(r, Tag.ReferencedSOPInstanceUID), message: `instance ${inst} is listed twice in the evidence` });
        seen.add(inst);
      }
    }
    return hits;
  },
};

/** Flags an absent or malformed UID of r; returns the UID. */
function checkUid(v: KosView, r: DataSet, tag: number, name: string, hits: RuleHit[]): string | undefined {
  const uid = v.d.str(r, tag);
  if (uid === undefined) {
    hits.push({ path: at(r, tag), message: `${name} is absent or empty` });
    return undefined;
  }
  const why = uidProblem(uid);
  if (why) hits.push({ path: at(r, tag), message: `${name} '${uid}' ${why}` });
  return uid;
}
