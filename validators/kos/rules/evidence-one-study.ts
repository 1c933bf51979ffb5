import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const evidenceOneStudy: Rule<KosView> = {
  id: 'kos.evidence.one-study',
  reqIds: ['KOS-015'],
  severity: 'error',
  title: 'Evidence holds exactly one study item, the study of the header',
  check(v) {
    const items = v.d.items(v.root, Tag.CurrentRequestedProcedureEvidenceSequence);
    if (items.length !== 1)
      return [
        {
          path: TagKey.CurrentRequestedProcedureEvidenceSequence,
          message: `CurrentRequestedProcedureEvidenceSequence must hold exactly one study item; found ${items.length}`,
        },
      ];
    const hits: RuleHit[] = [];
    const study = v.d.str(v.root, Tag.StudyInstanceUID);
    if (study === undefined) hits.push({ path: TagKey.StudyInstanceUID, message: 'StudyInstanceUID is absent or empty' });
    const ev = v.d.str(items[0]!, Tag.StudyInstanceUID);
    if (ev !== study)
      hits.push({
        path: at(items[0]!, Tag.StudyInstanceUID),
        message: `evidence StudyInstanceUID ${ev ?? '(absent)'} differs from the header's ${study ?? '(absent)'}`,
      });
    return hits;
  },
};
