// What the tests of one run share: the document our provide test registered and what the
// query test learnt about it. One PlanState per plan instance.
import type { Finding } from '../../../model/finding.ts';
import { STATUS } from '../../../protocols/ebrim/index.ts';
import { finding, type Submitted } from './calls.ts';
import type { BuiltSubmission } from '../common/iti41-submission.ts';

export interface PlanState {
  registered?: BuiltSubmission;
  /** The repositoryUniqueId the registry returned for it. */
  repositoryUniqueId?: string;
}

export { need } from '../common/step-kit.ts';

/**
 * Findings for a submission the SUT must refuse: Failure status, one of the expected error
 * codes, and RegistryErrors that carry codeContext and severity (XDS-004).
 */
export function expectRefused(res: Submitted, codes: readonly string[], reqIds: string[], ruleId: string): Finding[] {
  const ex = res.exchange;
  if (!res.response)
    return [
      finding(ruleId, reqIds, ex, 'soap:Body', `expected a RegistryResponse with ${codes.join(' or ')}; got ${res.error ?? 'nothing'}`),
    ];
  const r = res.response;
  if (r.status !== STATUS.failure)
    return [
      finding(ruleId, reqIds, ex, 'RegistryResponse/@status', `expected Failure with ${codes.join(' or ')}; the SUT answered ${r.status}`),
    ];
  const out: Finding[] = [];
  const got = r.errors.map((e) => e.errorCode);
  if (!got.some((c) => codes.includes(c)))
    out.push(finding(ruleId, reqIds, ex, 'RegistryErrorList', `expected errorCode ${codes.join(' or ')}; got [${got.join(', ')}]`));
  r.errors.forEach((e, i) => {
    if (!e.codeContext || !e.severity)
      out.push(
        finding(
          'drr.registry-error.fields',
          ['XDS-004'],
          ex,
          `RegistryErrorList/RegistryError[${i + 1}]`,
          'a RegistryError lacks codeContext or severity',
        ),
      );
  });
  return out;
}
