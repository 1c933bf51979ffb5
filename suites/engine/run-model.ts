// Builds the canonical RunModel (model/run.ts) from the test results: plan and requirement
// roll-up through model/verdict.ts (the same code `evidence verify` recomputes
// with), titles and levels from the catalogue, deterministic order throughout.
import { sortFindings } from '../../model/finding.ts';
import type { RequirementResult, RunModel, TestResult } from '../../model/run.ts';
import { compareReqIds } from '../../reports/canonical.ts';
import { countStates, planState, requirementVerdicts } from '../../model/verdict.ts';
import type { Catalogue } from '../../validators/catalogue/catalogue.ts';
import type { SutProfile } from '../profiles/profile.ts';
import type { PlanDef } from './dsl.ts';

export interface RunInputs {
  plan: Pick<PlanDef, 'id' | 'version' | 'title'>;
  sut: SutProfile;
  tool: { name: string; version: string };
  catalogue: Catalogue;
  startedAt: Date;
  endedAt: Date;
  /** In plan order. */
  tests: TestResult[];
  incomplete: boolean;
}

export function buildRunModel(inputs: RunInputs): RunModel {
  const tests = inputs.tests.map((t) => ({
    ...t,
    reqIds: [...new Set(t.reqIds)].sort(compareReqIds),
    findings: sortFindings(t.findings),
    steps: t.steps.map((s) => ({ ...s, reqIds: [...new Set(s.reqIds)].sort(compareReqIds), findings: sortFindings(s.findings) })),
  }));
  const requirements: RequirementResult[] = requirementVerdicts(tests).map((v) => {
    const req = inputs.catalogue.get(v.id);
    return {
      id: v.id,
      title: req?.title ?? '(not in the catalogue)',
      level: req?.level ?? 'SHALL',
      state: v.state,
      tests: v.tests,
      errors: v.errors,
      warnings: v.warnings,
    };
  });
  const { name, roles } = inputs.sut;
  return {
    schemaVersion: '1',
    tool: inputs.tool,
    catalogue: { version: inputs.catalogue.version },
    plan: { id: inputs.plan.id, version: inputs.plan.version, title: inputs.plan.title },
    sut: { name, roles: [...roles], profile: recordedProfile(inputs.sut) },
    startedAt: inputs.startedAt.toISOString(),
    endedAt: inputs.endedAt.toISOString(),
    durationMs: Math.max(0, inputs.endedAt.getTime() - inputs.startedAt.getTime()),
    incomplete: inputs.incomplete,
    state: planState(tests),
    counts: countStates(tests),
    tests,
    requirements,
    overrides: [],
    relaxations: relaxationsOf(inputs.sut),
  };
}

/** What the SUT profile relaxes from a label run; each makes the run ineligible for a label. */
export function relaxationsOf(sut: SutProfile): string[] {
  const out: string[] = [];
  if (sut.localTestSetup)
    out.push('localTestSetup: the SUT profile declares a local test set-up (plain-http loopback WADO-RS URLs accepted, KOS-022 relaxed)');
  return out;
}

/**
 * The profile as the report records it: bearer tokens are credentials, so the report keeps
 * only that they were given (like the recorder's header redaction), never their value.
 */
function recordedProfile(sut: object): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(sut)) as Record<string, unknown> & { auth?: Record<string, unknown> };
  if (copy.auth) for (const k of Object.keys(copy.auth)) copy.auth[k] = '[redacted]';
  return copy;
}
