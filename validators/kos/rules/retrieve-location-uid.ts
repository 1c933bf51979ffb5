import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceSeries, uidProblem, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const retrieveLocationUid: Rule<KosView> = {
  id: 'kos.retrieve.location-uid',
  reqIds: ['KOS-020'],
  severity: 'error',
  title: 'Every referenced series has a valid Retrieve Location UID',
  check(v) {
    const hits: RuleHit[] = [];
    for (const s of evidenceSeries(v)) {
      const uid = v.d.str(s, Tag.RetrieveLocationUID);
      if (uid === undefined)
        hits.push({ path: at(s, Tag.RetrieveLocationUID), message: 'RetrieveLocationUID is absent or empty (MCWG type 1)' });
      else if (uidProblem(uid))
        hits.push({ path: at(s, Tag.RetrieveLocationUID), message: `RetrieveLocationUID '${uid}' ${uidProblem(uid)}` });
    }
    return hits;
  },
};
