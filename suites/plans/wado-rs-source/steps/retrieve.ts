// Study, series and instance retrieve of everything the manifest references (checkWadoRs):
// Part 10 parts in multipart/related, the transfer syntax asked for, every referenced instance
// exactly once, and identity (study, series, patient) as the manifest states it.
import { checkWadoRs } from '../../../../simulators/clients/wado-rs.ts';
import { withClientSecurity } from '../../common/client-tls.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { needManifest, type PlanState } from '../state.ts';

export function retrieveAll(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve',
    title: 'Study, series and instance retrieve return every referenced instance once, as the manifest identifies it',
    verifies: ['WADO-001', 'WADO-002', 'WADO-003', 'WADO-004', 'WADO-005'],
    async run(ctx) {
      const manifest = needManifest(state);
      const r = await checkWadoRs({ baseUrl: ctx.sut.endpoints.wadoRs!, manifest, timeoutMs: 60_000, ...withClientSecurity(ctx.sut) });
      for (const ex of r.exchanges) await ctx.evidence.exchange(ex);
      return ctx.fromFindings(r.findings);
    },
  });
}
