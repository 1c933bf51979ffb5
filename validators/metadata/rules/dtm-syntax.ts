// Time slots are DTM in UTC (ITI TF-3 Table 4.2.3.1.7-2).
import type { Rule, RuleHit } from '../../rule.ts';
import { isDtm } from '../entries.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';
import { valuePath } from '../../../protocols/ebrim/index.ts';

const TIMES = new Set(['creationTime', 'serviceStartTime', 'serviceStopTime', 'submissionTime', 'lastUpdateTime']);

export const dtmSyntax: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.dtm.syntax',
  reqIds: ['XDS-007'],
  severity: 'error',
  title: 'Time attributes are XDS DTM values',
  check(view) {
    const hits: RuleHit[] = [];
    const { documentEntries, submissionSets, folders } = view.objects;
    for (const o of [...documentEntries, ...submissionSets, ...folders]) {
      for (const s of o.slots) {
        if (!TIMES.has(s.name)) continue;
        s.values.forEach((v, i) => {
          if (!isDtm(v))
            hits.push({ path: valuePath(s, i), message: `${o.id}: ${s.name} '${v}' is not DTM (YYYY[MM[DD[hh[mm[ss]]]]], UTC)` });
        });
      }
    }
    return hits;
  },
};
