// After the last test: one label decision per declared role (when a policy is given), then the evidence
// bundle closed over the exact bytes of run.json, so `evidence verify` can recompute both.
import type { RunModel } from '../../model/run.ts';
import type { StoredPolicy } from '../../reports/evidence/verify.ts';
import type { EvidenceWriter } from '../../reports/evidence/writer.ts';
import { renderJson } from '../../reports/json.ts';
import { decide, withLabels } from '../../reports/label/decide.ts';
import type { Catalogue } from '../../validators/catalogue/catalogue.ts';
import { labelFacts, type LoadedPolicy } from '../policies/load-policy.ts';
import type { SutProfile } from '../profiles/profile.ts';

export interface Finalized {
  run: RunModel;
  /** The bytes of run.json, as stored in the evidence. */
  runJson: string;
}

export async function finalizeRun(
  run: RunModel,
  opts: { sut: SutProfile; policy?: LoadedPolicy; evidence?: EvidenceWriter; catalogue?: Catalogue },
): Promise<Finalized> {
  let out = run;
  if (opts.policy) {
    const stored: StoredPolicy = { policy: opts.policy.policy, facts: labelFacts(opts.policy.policy, opts.sut, opts.catalogue) };
    out = withLabels(run, decide(stored.policy, run, stored.facts), opts.policy.file);
    await opts.evidence?.addPolicy(stored);
  }
  const runJson = renderJson(out);
  await opts.evidence?.finish(runJson);
  return { run: out, runJson };
}
