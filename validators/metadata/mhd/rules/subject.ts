// DocumentReference.subject and the SubmissionSet List.subject name the same patient.
import type { List, Reference } from 'fhir/r4.js';
import type { Rule, RuleHit } from '../../../rule.ts';
import type { MhdView } from '../view.ts';

export const subjectPresent: Rule<MhdView, unknown> = {
  id: 'mhd.subject',
  reqIds: ['MHD-007'],
  severity: 'error',
  title: 'DocumentReference and SubmissionSet List reference the same patient',
  check({ bundle, references }) {
    const hits: RuleHit[] = [];
    const listIdx = (bundle?.entry ?? []).findIndex((e) => e.resource?.resourceType === 'List');
    const list = listIdx >= 0 ? (bundle!.entry![listIdx]!.resource as List) : undefined;
    const key = (s: Reference | undefined) =>
      s?.reference ?? (s?.identifier ? `${s.identifier.system ?? ''}|${s.identifier.value ?? ''}` : undefined);
    if (list && !key(list.subject))
      hits.push({ path: `Bundle.entry[${listIdx}].resource.subject`, message: 'the SubmissionSet List has no subject' });
    for (const { resource: dr, path } of references) {
      const k = key(dr.subject);
      if (!k) hits.push({ path: `${path}.subject`, message: 'DocumentReference.subject is missing' });
      else if (list && key(list.subject) && k !== key(list.subject))
        hits.push({ path: `${path}.subject`, message: `subject ${k} differs from the SubmissionSet List's ${key(list.subject)}` });
    }
    return hits;
  },
};
