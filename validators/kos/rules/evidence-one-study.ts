import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosView } from '../view.ts';

export const evidenceOneStudy: Rule<KosView> = {
  id: 'kos.evidence.one-study',
  reqIds: ['KOS-015'],
  severity: 'error',
  title: 'Evidence holds exactly one study item, the study of the header',
  check(v) {
    const items = v.d.items(v.root, 0x0040a375);
    if (items.length !== 1) return [{ path: '(0040,A375)', message: `CurrentRequestedProcedureEvidenceSequence must hold exactly one study item; found ${items.length}` }];
    const hits: RuleHit[] = [];
    const study = v.d.str(v.root, 0x0020000d);
    if (study === undefined) hits.push({ path: '(0020,000D)', message: 'StudyInstanceUID is absent or empty' });
    const ev = v.d.str(items[0]!, 0x0020000d);
    if (ev !== study) hits.push({ path: at(items[0]!, 0x0020000d), message: `evidence StudyInstanceUID ${ev ?? '(absent)'} differs from the header's ${study ?? '(absent)'}` });
    return hits;
  },
};
