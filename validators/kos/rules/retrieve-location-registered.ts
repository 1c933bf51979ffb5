import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceSeries, type KosCtx, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

// Needs the deployment's location table (Retrieve Location UID -> WADO-RS base); without
// one there is nothing to compare with and the rule says nothing.
export const retrieveLocationRegistered: Rule<KosView, KosCtx> = {
  id: 'kos.retrieve.location-registered',
  reqIds: ['KOS-021', 'KOS-023'],
  severity: 'error',
  title: 'Retrieve Location UID names a configured endpoint whose base the Retrieve URL uses',
  check(v, ctx) {
    const table = ctx.locations;
    if (!table) return [];
    const hits: RuleHit[] = [];
    for (const s of evidenceSeries(v)) {
      const uid = v.d.str(s, Tag.RetrieveLocationUID);
      if (uid === undefined) continue;
      const base = table[uid];
      if (base === undefined) {
        hits.push({
          path: at(s, Tag.RetrieveLocationUID),
          reqIds: ['KOS-021'],
          message: `RetrieveLocationUID ${uid} is not a configured retrieve location`,
        });
        continue;
      }
      const url = v.d.str(s, Tag.RetrieveURL);
      const urlBase = url?.replace(/\/studies\/.*$/, '');
      if (url !== undefined && urlBase !== base.replace(/\/+$/, '')) {
        hits.push({
          path: at(s, Tag.RetrieveURL),
          reqIds: ['KOS-023'],
          severity: 'warning',
          message: `RetrieveURL base ${urlBase} differs from ${base}, configured for location ${uid}`,
        });
      }
    }
    return hits;
  },
};
