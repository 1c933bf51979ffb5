// Each series' Retrieve URL (0008,1190) in the manifest must answer a WADO-RS series retrieve:
// a consumer builds its requests from the manifest alone (KOS-022).
import type { Finding } from '../../../../model/finding.ts';
import { getMultipart } from '../../../../simulators/clients/wado-rs-exchange.ts';
import { PART10_ACCEPT } from '../../../../simulators/clients/wado-rs.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, needKos, type PlanState } from '../state.ts';
import { TagKey } from '../../../../protocols/dicom/tags.generated.ts';

export function checkRetrieveUrls(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve-urls',
    title: "Every series' Retrieve URL answers a WADO-RS retrieve",
    verifies: ['KOS-022'],
    async run(ctx) {
      const kos = needKos(state);
      if (!kos.facts) return { state: 'skip', message: 'the manifest could not be read' };
      const out: Finding[] = [];
      for (const [i, s] of kos.facts.series.entries()) {
        const path = `${TagKey.CurrentRequestedProcedureEvidenceSequence}[0]>${TagKey.ReferencedSeriesSequence}[${i}]>${TagKey.RetrieveURL}`;
        if (!s.retrieveUrl) continue; // a missing Retrieve URL is the KOS validator's finding
        let parts = 0;
        const res = await getMultipart(s.retrieveUrl, { accept: PART10_ACCEPT, timeoutMs: 60_000, idleTimeoutMs: 15_000 }, async (part) => {
          parts++;
          for await (const _ of part.body as AsyncIterable<Buffer>) void _;
        });
        await ctx.evidence.exchange(res.exchange);
        if (res.status !== 200 || parts === 0 || res.failure) {
          const why =
            res.status === undefined
              ? (res.failure?.message ?? 'no answer')
              : `HTTP ${res.status}${res.failure ? `, ${res.failure.message}` : ''}, ${parts} part(s)`;
          out.push(
            finding(
              'ids.retrieve-url.answers',
              ['KOS-022'],
              kos.artefact,
              path,
              `Retrieve URL ${s.retrieveUrl} of series ${s.seriesInstanceUid} does not answer a WADO-RS retrieve: ${why}`,
              res.exchange.id,
            ),
          );
        }
      }
      return ctx.fromFindings(out, [kos.artefact]);
    },
  });
}
