import type { Rule } from '../../rule.ts';
import { studyUids } from '../report-ids.ts';
import { forKinds, type Hl7Ctx, type Hl7View } from '../view.ts';

export const linkStudy: Rule<Hl7View, Hl7Ctx> = {
  id: 'link.study-uid',
  reqIds: ['LINK-002'],
  severity: 'error',
  title: "The report names the manifest's Study Instance UID",
  check(view, ctx) {
    const kos = ctx.manifest;
    if (!kos) return [];
    return forKinds(view, ['report', 'order'], (m) => {
      const found = studyUids(m);
      if (found.some((s) => s.uid === kos.studyInstanceUid)) return [];
      return [
        {
          path: found[0]?.path ?? 'ZDS-1',
          message: `Manifest study ${kos.studyInstanceUid} is not named by the report (found ${found.map((s) => s.uid).join(', ') || 'none'})`,
        },
      ];
    });
  },
};
