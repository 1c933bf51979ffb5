import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadSutProfile } from '../profiles/profile.ts';
import { PLAN_DEFECTS, PLAN_LOADERS, PLAN_SIMULATORS, PLANS, loadReferences } from './index.ts';

describe('PLANS: one module per plan folder', () => {
  test.each(Object.keys(PLANS))('%s: its module is registered under its own id and complete', async (id) => {
    const m = await PLANS[id]!();
    expect(m.plan().id).toBe(id);
    expect(m.reference.planId).toBe(id);
    expect(m.template.pathname.endsWith(`/suites/profiles/templates/${id}.yaml`)).toBe(true);
    expect(existsSync(m.template)).toBe(true);
    expect(loadSutProfile(m.template.pathname).roles.length).toBeGreaterThan(0);
    const defects = await m.defects();
    expect(defects.length).toBeGreaterThan(0);
    expect(new Set(defects.map((d) => d.id)).size).toBe(defects.length);
  });

  test('the views mcwg run takes list exactly the plans of PLANS', async () => {
    const ids = Object.keys(PLANS).sort();
    expect(Object.keys(PLAN_LOADERS).sort()).toEqual(ids);
    expect(Object.keys(PLAN_SIMULATORS).sort()).toEqual(ids);
    expect(Object.keys(PLAN_DEFECTS).sort()).toEqual(ids);
    expect(Object.keys(await loadReferences()).sort()).toEqual(ids);
  });

  test('a plan without simulators starts none (its SUT is only called)', async () => {
    expect(
      await PLAN_SIMULATORS['wado-rs-source']!({
        dataDir: '/nonexistent',
        sut: { name: 'x', roles: ['Imaging Document Source'], endpoints: {}, options: [], aeTitles: {}, patientIdDomains: [] } as never,
      }),
    ).toEqual({});
  });
});
