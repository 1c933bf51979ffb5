// A copy of a submission with new uniqueIds (SubmissionSet and every DocumentEntry), so one
// template can be submitted many times (load tests, re-runs against a SUT).
import { DE, SS, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';

export function withFreshIds(req: SubmitObjectsRequest, root: string): SubmitObjectsRequest {
  const copy = structuredClone(req);
  let n = 0;
  for (const o of [...copy.objects.submissionSets, ...copy.objects.documentEntries]) {
    for (const x of o.externalIdentifiers) {
      if (x.scheme === SS.uniqueId || x.scheme === DE.uniqueId) x.value = `${root}.${++n}`;
    }
  }
  return copy;
}
