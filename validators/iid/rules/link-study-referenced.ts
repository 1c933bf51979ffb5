// LINK-011: a study named by a viewer link is one of the report's referenceIdList studies
// (for an HL7 report without metadata: one of the studies the message names, which the
// gateway copies into referenceIdList).
import type { Rule } from '../../rule.ts';
import { parseIidUrl } from '../iid-url.ts';
import type { IidView } from '../view.ts';

export const iidLinkStudyReferenced: Rule<IidView, unknown> = {
  id: 'iid.link.study-referenced',
  reqIds: ['LINK-011'],
  severity: 'error',
  title: "Studies named by viewer links appear in the report's referenceIdList",
  check(view) {
    const known = new Set((view.references ?? view.studies).map((s) => s.value));
    const where = view.references ? 'referenceIdList' : 'the study UIDs the report names';
    return view.links.flatMap((l) => {
      const u = parseIidUrl(l.value);
      if (!u.ok) return [];
      return u.studyUids
        .filter((uid) => !known.has(uid))
        .map((uid) => ({
          path: l.path,
          message: `Link names study ${uid}, which is not in ${where} (${[...known].join(', ') || 'empty'})`,
        }));
    });
  },
};
