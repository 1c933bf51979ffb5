// The gateway's WADO-RS front for the PACS it fronts: every instance of the PACS study comes
// back (study, series, instance levels; GW-004 fetch or cache, GW-005, WADO-001..005), and the
// lightweight availability probe the operations centre runs answers (GW-012). Checked
// against the study as stored in the PACS, not the manifest: a stale cache shows.
import { checkWadoRs } from '../../../../simulators/clients/wado-rs.ts';
import { probeWadoRs } from '../../../../simulators/clients/wado-rs-probe.ts';
import type { ManifestFacts } from '../../../../validators/manifest-facts.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { withClientSecurity } from '../../common/client-tls.ts';
import { GW } from '../ids.ts';
import { need, type PlanState, type SeededStudy } from '../state.ts';

function factsOf(s: SeededStudy): ManifestFacts {
  return {
    sopInstanceUid: '',
    sopClassUid: '',
    patient: { id: GW.localId },
    otherPatientIds: [],
    studyInstanceUid: s.studyUid,
    placerOrderNumbers: [],
    fillerOrderNumbers: [],
    requestedProcedureIds: [],
    procedureCodes: [],
    modalities: [],
    series: [...s.series].map(([uid, instances]) => ({
      seriesInstanceUid: uid,
      instances: instances.map((i) => ({ sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: i })),
    })),
  };
}

function base(ctx: { sut: { endpoints: Record<string, string> } }): string {
  const b = ctx.sut.endpoints.wadoRs;
  if (!b) throw new Error('the SUT profile has no endpoints.wadoRs');
  return b;
}

export function wadoRetrieve(state: PlanState): StepDef {
  return defineStep({
    id: 'wado-rs',
    title: "Every instance of the PACS study comes back from the gateway's WADO-RS",
    verifies: ['GW-004', 'GW-005', 'WADO-001', 'WADO-002', 'WADO-003', 'WADO-004', 'WADO-005'],
    async run(ctx) {
      const r = await checkWadoRs({
        baseUrl: base(ctx),
        manifest: factsOf(need(state.seeded, 'the seeded study')),
        timeoutMs: 60_000,
        ...withClientSecurity(ctx.sut),
      });
      for (const ex of r.exchanges) await ctx.evidence.exchange(ex);
      // A missing instance is the gateway's broken promise for the PACS it fronts.
      return ctx.fromFindings(
        r.findings.map((f) =>
          f.ruleId === 'wado.instances.missing' && !f.reqIds.includes('GW-005') ? { ...f, reqIds: [...f.reqIds, 'GW-005'] } : f,
        ),
      );
    },
  });
}

export function probe(state: PlanState): StepDef {
  return defineStep({
    id: 'probe',
    title: 'The availability probe of the operations centre answers',
    verifies: ['GW-012'],
    async run(ctx) {
      const r = await probeWadoRs(base(ctx), need(state.seeded, 'the seeded study').studyUid, {
        count: 2,
        intervalMs: 50,
        timeoutMs: 15_000,
        ...withClientSecurity(ctx.sut),
      });
      for (const ex of r.exchanges) await ctx.evidence.exchange(ex);
      return ctx.fromFindings(r.findings);
    },
  });
}
