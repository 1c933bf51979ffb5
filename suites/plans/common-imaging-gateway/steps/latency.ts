// GW-002: the time from the gateway's ACK of the final report (the trigger) to the arrival of
// its RAD-68 at our repository, measured from our own evidence (the HL7 exchange's end and the
// RAD-68 exchange's start), reported as a figure and judged against the deployment's limit
// (the catalogue's default: 5 minutes).
import type { Exchange } from '../../../../model/exchange.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, need, type PlanState } from '../state.ts';

export const DEFAULT_PUBLICATION_LIMIT_MS = 5 * 60_000;

const endOf = (ex: Exchange): number => Date.parse(ex.at) + (ex.durationMs ?? 0);

export function publicationLatency(state: PlanState, limitMs = DEFAULT_PUBLICATION_LIMIT_MS): StepDef {
  return defineStep({
    id: 'publication-latency',
    title: 'The manifest is published within the configured delay after the report ACK',
    verifies: ['GW-002'],
    async run(ctx) {
      const ack = need(state.reportExchange, 'the acknowledged report');
      const m = need(state.manifest, 'the published manifest');
      const latencyMs = Date.parse(m.exchange.at) - endOf(ack);
      const figures = {
        trigger: ack.id,
        ackAt: new Date(endOf(ack)).toISOString(),
        rad68: m.exchange.id,
        rad68At: m.exchange.at,
        latencyMs,
        limitMs,
      };
      const att = await ctx.evidence.attach(
        'publication-latency.json',
        Buffer.from(`${JSON.stringify(figures, null, 1)}\n`),
        'application/json',
      );
      if (latencyMs <= limitMs) return ctx.fromFindings([], [att]);
      return ctx.fromFindings(
        [
          finding(
            'gw.publish.latency',
            ['GW-002'],
            `RAD-68 ${m.exchange.id}`,
            'timing',
            `the manifest arrived ${latencyMs} ms after the report's ACK; the configured limit is ${limitMs} ms`,
            m.exchange.id,
          ),
        ],
        [att],
      );
    },
  });
}
