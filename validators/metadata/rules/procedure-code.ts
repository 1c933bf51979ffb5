// eventCodeList carries the performed procedure code with a display name (level 2 selection).
import { DE } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { codedValues, isManifest } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const procedureCode: Rule<MetadataView, MetadataCtx> = {
  id: 'xdsi.event.procedure',
  reqIds: ['META-004'],
  severity: 'error',
  title: 'eventCodeList has the procedure code with its display name',
  check(view, { valueSets: vs }) {
    const hits: RuleHit[] = [];
    const known = (s: string | undefined, key: string) =>
      s !== undefined && (s === vs.schemes[key]?.oid || s === vs.schemes[key]?.uri || s === key);
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      // Whatever is neither a DCM modality nor a SNOMED region is taken as the procedure code.
      const procs = codedValues(de, DE.eventCodeList).filter(
        (e) => !known(e.scheme, 'DCM') && !(known(e.scheme, 'SCT') && vs.contains('VS-ANATOMIC-REGION', e.code)),
      );
      if (procs.length === 0)
        hits.push({ path: pathFor(view, de, 'eventCodeList'), message: `DocumentEntry ${de.id}: eventCodeList has no procedure code` });
      for (const p of procs)
        if (!p.display?.trim())
          hits.push({ path: p.path, message: `DocumentEntry ${de.id}: procedure code ${p.code} has no display name` });
    }
    return hits;
  },
};
