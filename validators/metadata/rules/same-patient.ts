// Entries that share a Study Instance UID (a manifest and its reports) carry the same patientId.
import { DE, externalIdOf } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, referenceIds } from '../entries.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

export const samePatient: Rule<MetadataView, MetadataCtx> = {
  id: 'link.same-patient',
  reqIds: ['LINK-009'],
  severity: 'error',
  title: 'Manifest and linked reports carry the same patientId',
  check(view) {
    const hits: RuleHit[] = [];
    const first = new Map<string, { id: string; pid: string }>();
    for (const de of view.objects.documentEntries) {
      const pid = externalIdOf(de, DE.patientId);
      if (!pid) continue;
      for (const r of referenceIds(de).filter((x) => x.type === REF_TYPE.study)) {
        const seen = first.get(r.id);
        if (!seen) first.set(r.id, { id: de.id, pid: pid.value });
        else if (seen.pid !== pid.value)
          hits.push({
            path: pid.path,
            message: `DocumentEntry ${de.id}: patientId '${pid.value}' differs from '${seen.pid}' of ${seen.id}, which references the same study ${r.id}`,
          });
      }
    }
    return hits;
  },
};
