// Accession and order entries of referenceIdList are exactly the manifest's requests, with issuers.
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, referenceIds } from '../../metadata/entries.ts';
import { refPath } from './ref-path.ts';
import type { ManifestEntryView } from '../view.ts';

export const kosAccessionOrder: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.accession-order',
  reqIds: ['META-042', 'LINK-005'],
  severity: 'error',
  title: 'referenceIdList accession and order numbers match the manifest requests',
  check(v) {
    const hits: RuleHit[] = [];
    const refs = referenceIds(v.entry);
    const compare = (type: string, what: string, want: string[], issuer?: string) => {
      const got = refs.filter((r) => r.type === type);
      for (const w of want)
        if (!got.some((g) => g.id === w))
          hits.push({
            path: refPath(v),
            reqIds: ['META-042', 'LINK-005'],
            message: `the manifest's ${what} ${w} is missing from referenceIdList`,
          });
      for (const g of got) {
        if (!want.includes(g.id))
          hits.push({ path: g.path, message: `referenceIdList ${what} ${g.id} is not in the manifest's Referenced Request Sequence` });
        else if (issuer && g.authorityOid !== issuer)
          hits.push({ path: g.path, message: `${what} ${g.id} has issuer ${g.authorityOid || 'none'}; the manifest says ${issuer}` });
      }
    };
    compare(REF_TYPE.accession, 'accession', v.facts.accessionNumber ? [v.facts.accessionNumber] : [], v.facts.accessionIssuerOid);
    compare(REF_TYPE.order, 'order', v.facts.placerOrderNumbers);
    return hits;
  },
};
