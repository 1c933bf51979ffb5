// The plan's shape, and what no reference variant reaches: a SUT profile without the
// endpoints the plan calls is our setup error, not a SUT failure. Full runs live in
// suites/reference-sut/document-registry-repository.
import { describe, expect, test } from 'vitest';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { documentRegistryRepositoryPlan } from './index.ts';
import { buildSubmission } from '../common/iti41-submission.ts';

describe('Document Registry and Repository plan', () => {
  test('cites only catalogue IDs, on every step', () => {
    const plan = documentRegistryRepositoryPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
  });

  test('a profile without registry/repository endpoints ends each test in error, never fail', async () => {
    const profile = sut({
      roles: ['Document Registry', 'Document Repository'],
      patientIdDomains: [{ name: 'd', issuer: '1.2.3', patients: ['P1'] }],
    });
    const run = await runPlan(documentRegistryRepositoryPlan(), { sut: profile, tool: TOOL });
    expect(run.tests.map((t) => t.state)).not.toContain('fail');
    expect(run.tests.find((t) => t.id === 'drr.provide')?.state).toBe('error');
  });

  test('each submission gets fresh uniqueIds, and the one change asked for', () => {
    const a = buildSubmission({ patientCx: 'P1^^^&1.2.3&ISO' });
    const b = buildSubmission({ patientCx: 'P1^^^&1.2.3&ISO', noMimeType: true, replaces: a.entryId });
    expect(a.uniqueId).not.toBe(b.uniqueId);
    expect(b.request.objects.documentEntries[0]!.mimeType).toBeUndefined();
    expect(b.request.objects.associations.map((x) => [x.type.split(':').pop(), x.target])).toEqual([
      ['HasMember', b.entryId],
      ['RPLC', a.entryId],
    ]);
  });
});
