// ITI-65 content: one SubmissionSet List, and each DocumentReference attachment.url resolving
// to a Binary of the same contentType in the Bundle.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import type { Binary } from 'fhir/r4.js';
import type { Rule, RuleHit } from '../../../rule.ts';
import type { MhdView } from '../view.ts';

export const bundleContent: Rule<MhdView, unknown> = {
  id: 'mhd.bundle.content',
  reqIds: ['MHD-002'],
  severity: 'error',
  title: 'Bundle holds the SubmissionSet List and a Binary for each DocumentReference',
  check({ bundle, references }) {
    if (!bundle || bundle.type !== 'transaction') return [];
    const hits: RuleHit[] = [];
    const lists = <unknown[]>(
      fhirpath.evaluate(
        bundle,
        "Bundle.entry.resource.ofType(List).where(code.coding.where(code = 'submissionset').exists())",
        undefined,
        r4,
      )
    );
    if (lists.length !== 1)
      hits.push({
        path: 'Bundle.entry',
        message: `the Bundle must hold exactly one SubmissionSet List (code submissionset); found ${lists.length}`,
      });
    const byUrl = new Map((bundle.entry ?? []).flatMap((e, i) => (e.fullUrl ? [[e.fullUrl, { res: e.resource, i }] as const] : [])));
    for (const { resource: dr, path } of references) {
      (dr.content ?? []).forEach((c, k) => {
        const url = c.attachment?.url;
        const at = `${path}.content[${k}].attachment.url`;
        const hit = url ? byUrl.get(url) : undefined;
        if (!hit || hit.res?.resourceType !== 'Binary') {
          hits.push({ path: at, message: `attachment.url ${url ?? '(none)'} does not resolve to a Binary in the Bundle` });
          return;
        }
        const bin = hit.res as Binary;
        if (bin.contentType !== c.attachment.contentType)
          hits.push({
            path: `Bundle.entry[${hit.i}].resource.contentType`,
            message: `Binary.contentType ${bin.contentType} differs from attachment.contentType ${c.attachment.contentType ?? '(none)'}`,
          });
      });
    }
    return hits;
  },
};
