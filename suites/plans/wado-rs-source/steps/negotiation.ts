// Accept negotiation and error statuses (checkWadoRsNegotiation): a wildcard and a default
// transfer syntax are served, a bogus one is refused with 406, an unknown UID is 404 and a
// malformed one 400.
import { checkWadoRsNegotiation } from '../../../../simulators/clients/wado-rs-negative.ts';
import { withClientSecurity } from '../../common/client-tls.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { missingInput, studyOf } from '../state.ts';

export function negotiation(): StepDef {
  return defineStep({
    id: 'negotiation',
    title: 'Accept negotiation (406), unknown (404) and malformed (400) UIDs',
    verifies: ['WADO-005', 'WADO-006', 'WADO-007', 'WADO-008'],
    async run(ctx) {
      const missing = missingInput(ctx.sut);
      if (missing) return { state: 'skip', message: missing };
      const r = await checkWadoRsNegotiation(ctx.sut.endpoints.wadoRs!, studyOf(ctx.sut)!, {
        timeoutMs: 30_000,
        ...withClientSecurity(ctx.sut),
      });
      for (const ex of r.exchanges) await ctx.evidence.exchange(ex);
      return ctx.fromFindings(r.findings);
    },
  });
}
