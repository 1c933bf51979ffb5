// The operations centre's check (GW-012): repeated probes of the study, each read up to its
// first instance; the latency figures go to evidence (latency.json), not to the verdict text,
// so runs compare equal whatever the machine's speed.
import { probeWadoRs } from '../../../../simulators/clients/wado-rs-probe.ts';
import { withClientSecurity } from '../../common/client-tls.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { missingInput, studyOf } from '../state.ts';

export const PROBES = 3;

export function availability(): StepDef {
  return defineStep({
    id: 'availability',
    title: `${PROBES} availability probes deliver an instance, with latency figures`,
    verifies: ['GW-012'],
    async run(ctx) {
      const missing = missingInput(ctx.sut);
      if (missing) return { state: 'skip', message: missing };
      const r = await probeWadoRs(ctx.sut.endpoints.wadoRs!, studyOf(ctx.sut)!, {
        count: PROBES,
        intervalMs: 50,
        timeoutMs: 10_000,
        ...withClientSecurity(ctx.sut),
      });
      for (const ex of r.exchanges) await ctx.evidence.exchange(ex);
      const figures = {
        url: r.url,
        available: r.available,
        latencyMs: r.latency ?? null,
        samples: r.samples.map(({ exchangeId: _, ...s }) => s),
      };
      const att = await ctx.evidence.attach('latency.json', Buffer.from(`${JSON.stringify(figures, null, 1)}\n`), 'application/json');
      return ctx.fromFindings(r.findings, [att]);
    },
  });
}
