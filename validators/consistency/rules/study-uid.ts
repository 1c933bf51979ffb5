// The studyInstanceUID entry of referenceIdList equals the KOS Study Instance UID.
import type { Rule } from '../../rule.ts';
import { REF_TYPE, referenceIds } from '../../metadata/entries.ts';
import { refPath, type Refs } from './ref-path.ts';
import type { ManifestEntryView } from '../view.ts';

export const kosStudyUid: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.study-uid',
  reqIds: ['META-041', 'LINK-010'],
  severity: 'error',
  title: 'referenceIdList study UID equals the manifest Study Instance UID',
  check(v) {
    const studies: Refs = referenceIds(v.entry).filter((r) => r.type === REF_TYPE.study);
    if (studies.length === 1 && studies[0]!.id === v.facts.studyInstanceUid) return [];
    return [
      {
        path: studies.find((s) => s.id !== v.facts.studyInstanceUid)?.path ?? refPath(v),
        message: `referenceIdList study UID ${studies.map((s) => s.id).join(', ') || 'missing'}; the manifest's (0020,000D) is ${v.facts.studyInstanceUid}`,
      },
    ];
  },
};
