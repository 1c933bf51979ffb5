// patientId is a CX id^^^&OID&ISO, identical on the SubmissionSet and every DocumentEntry.
import { DE, SS, externalIdOf, parseCx } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { isOid } from '../entries.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

export function cxProblem(value: string): string | undefined {
  const cx = parseCx(value);
  if (!cx.id) return 'CX.1 (the ID) is empty';
  if (cx.components.length < 4 || !cx.assigningAuthority) return 'CX.4 (assigning authority) is missing';
  const aa = cx.assigningAuthority.split('&');
  if (aa.length !== 3 || aa[0] !== '' || !isOid(cx.authorityOid) || cx.authorityType !== 'ISO')
    return `CX.4 '${cx.assigningAuthority}' is not &OID&ISO`;
  if (cx.components[1] || cx.components[2] || cx.components.length > 4) return 'only CX.1 and CX.4 are allowed';
  return undefined;
}

export const patientIdCx: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.patient-id.cx',
  reqIds: ['XDS-007', 'XDS-006'],
  severity: 'error',
  title: 'patientId is CX with an ISO assigning authority and agrees across the submission',
  check(view) {
    const hits: RuleHit[] = [];
    const ssPid = view.objects.submissionSets.map((ss) => externalIdOf(ss, SS.patientId)).find((x) => x);
    for (const [o, scheme] of [
      ...view.objects.submissionSets.map((s) => [s, SS.patientId] as const),
      ...view.objects.documentEntries.map((d) => [d, DE.patientId] as const),
    ]) {
      const pid = externalIdOf(o, scheme);
      if (!pid) continue;
      const p = cxProblem(pid.value);
      if (p) hits.push({ path: pid.path, message: `${o.id}: patientId '${pid.value}': ${p}`, reqIds: ['XDS-007'] });
      else if (ssPid && pid !== ssPid && pid.value !== ssPid.value) {
        hits.push({
          path: pid.path,
          message: `${o.id}: patientId '${pid.value}' differs from the SubmissionSet's '${ssPid.value}'`,
          reqIds: ['XDS-006'],
        });
      }
    }
    return hits;
  },
};
