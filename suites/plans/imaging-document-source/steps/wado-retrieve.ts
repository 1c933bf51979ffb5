// Our WADO-RS client retrieves every instance the manifest references from the SUT's
// WADO-RS base (study, each series, one instance per series) and checks what comes back.
// A referenced instance that never comes back is also the manifest's broken promise (KOS-019).
import { checkWadoRs } from '../../../../simulators/clients/wado-rs.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { needKos, type PlanState } from '../state.ts';

export function wadoRetrieve(state: PlanState): StepDef {
  return defineStep({
    id: 'wado-rs',
    title: "Every referenced instance comes back from the SUT's WADO-RS source",
    verifies: ['KOS-019', 'WADO-001', 'WADO-002', 'WADO-003', 'WADO-004', 'WADO-005'],
    async run(ctx) {
      const kos = needKos(state);
      if (!kos.facts) return { state: 'skip', message: 'the manifest could not be read' };
      const base = ctx.sut.endpoints.wadoRs;
      if (!base) return { state: 'skip', message: 'the SUT profile has no endpoints.wadoRs' };
      const r = await checkWadoRs({ baseUrl: base, manifest: kos.facts, timeoutMs: 60_000 });
      for (const ex of r.exchanges) await ctx.evidence.exchange(ex);
      const findings = r.findings.map((f) =>
        f.ruleId === 'wado.instances.missing' && !f.reqIds.includes('KOS-019') ? { ...f, reqIds: [...f.reqIds, 'KOS-019'] } : f,
      );
      return ctx.fromFindings(findings, [kos.artefact]);
    },
  });
}
