// A report entry and the manifest entry of the same study carry the same patient, study,
// accession and order identifiers.
import { DE, externalIdOf } from '../../../protocols/ebrim/index.ts';
import { xpathFor } from '../../../protocols/fhir/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, referenceIds } from '../../metadata/entries.ts';
import type { ReportManifestView } from '../view.ts';

export const reportMatchesManifest: Rule<ReportManifestView, unknown> = {
  id: 'consistency.report-manifest',
  reqIds: ['LINK-002', 'LINK-003', 'LINK-004', 'LINK-009'],
  severity: 'error',
  title: 'Report and manifest entries share patient, study, accession and order',
  check({ report, manifest }) {
    const hits: RuleHit[] = [];
    const rp = externalIdOf(report, DE.patientId);
    const mp = externalIdOf(manifest, DE.patientId);
    if (rp && mp && rp.value !== mp.value)
      hits.push({
        path: rp.path,
        reqIds: ['LINK-009'],
        message: `report patientId '${rp.value}' differs from the manifest's '${mp.value}'`,
      });
    const rr = referenceIds(report);
    const key = (r: { id: string; authorityOid: string }) => `${r.id}&${r.authorityOid}`;
    for (const [type, req, what] of [
      [REF_TYPE.study, 'LINK-002', 'study UID'],
      [REF_TYPE.accession, 'LINK-003', 'accession'],
      [REF_TYPE.order, 'LINK-004', 'order'],
    ] as const) {
      const have = new Set(rr.filter((r) => r.type === type).map(key));
      for (const m of referenceIds(manifest).filter((r) => r.type === type)) {
        if (!have.has(key(m)))
          hits.push({
            path: xpathFor(report.path, 'referenceIdList'),
            reqIds: [req],
            message: `the manifest's ${what} ${m.id}${m.authorityOid ? ` (issuer ${m.authorityOid})` : ''} is missing from the report's referenceIdList`,
          });
      }
    }
    return hits;
  },
};
