import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceSeries, uidProblem, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

const UID_ATTRS = [
  [Tag.ReferencedSOPClassUID, 'ReferencedSOPClassUID'],
  [Tag.ReferencedSOPInstanceUID, 'ReferencedSOPInstanceUID'],
] as const;

export const evidenceSopItems: Rule<KosView> = {
  id: 'kos.evidence.sop-items',
  reqIds: ['KOS-017'],
  severity: 'error',
  title: 'Each referenced instance has valid class and instance UIDs, listed once',
  check(v) {
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    for (const s of evidenceSeries(v)) {
      const refs = v.d.items(s, Tag.ReferencedSOPSequence);
      if (refs.length === 0) hits.push({ path: at(s, Tag.ReferencedSOPSequence), message: 'ReferencedSOPSequence is absent or empty' });
      for (const r of refs) {
        for (const [tag, name] of UID_ATTRS) {
          const uid = v.d.str(r, tag);
          if (uid === undefined) {
            hits.push({ path: at(r, tag), message: `${name} is absent or empty` });
            continue;
          }
          const why = uidProblem(uid);
          if (why) hits.push({ path: at(r, tag), message: `${name} '${uid}' ${why}` });
        }
        const inst = v.d.str(r, Tag.ReferencedSOPInstanceUID);
        if (inst === undefined) continue;
        if (seen.has(inst))
          hits.push({ path: at(r, Tag.ReferencedSOPInstanceUID), message: `instance ${inst} is listed twice in the evidence` });
        seen.add(inst);
      }
    }
    return hits;
  },
};
