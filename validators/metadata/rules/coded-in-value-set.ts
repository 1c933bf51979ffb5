// Factory for "this coded attribute is present and a member of value set X" rules; each
// MCWG value-set rule is one file instantiating it.
import type { XdsAttr } from '../../../protocols/fhir/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { codedValues } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export function codedInValueSet(o: {
  id: string;
  reqIds: string[];
  attr: XdsAttr;
  scheme: string;
  valueSet: string;
  title: string;
}): Rule<MetadataView, MetadataCtx> {
  return {
    id: o.id,
    reqIds: o.reqIds,
    severity: 'error',
    title: o.title,
    check(view, { valueSets: vs }) {
      const hits: RuleHit[] = [];
      // META-054: the same value sets apply to the mapped DocumentReference elements.
      const reqIds = view.origin === 'fhir' ? [...o.reqIds, 'META-054'] : o.reqIds;
      for (const de of view.objects.documentEntries) {
        const codes = codedValues(de, o.scheme);
        if (codes.length === 0)
          hits.push({
            path: pathFor(view, de, o.attr),
            reqIds,
            message: `DocumentEntry ${de.id}: ${o.attr} is missing (expected a code from ${o.valueSet})`,
          });
        for (const c of codes) {
          if (!vs.contains(o.valueSet, c.code, c.scheme))
            hits.push({
              path: c.path,
              reqIds,
              message: `DocumentEntry ${de.id}: ${o.attr} ${c.code} (${c.scheme ?? 'no scheme'}) is not in ${o.valueSet}`,
            });
        }
      }
      return hits;
    },
  };
}
