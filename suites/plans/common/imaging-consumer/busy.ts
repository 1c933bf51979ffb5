// WADO-010, the consumer side: our WADO-RS source answers the consumer's first retrieve 503
// with Retry-After (faults.busyFirst in seeded-xds.ts). The consumer must come back for it,
// and not before the delay it was given: an earlier retry of that resource is hammering, no
// retry at all leaves the study incomplete.
import type { Exchange } from '../../../../model/exchange.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, WAIT_MS } from './state.ts';

/** Clock and scheduling slack: a retry this much early still counts as on time. */
const SLACK_MS = 150;
const POLL_MS = 100;

const pathOf = (e: Exchange): string => (e.request.url ?? '').split('?')[0] ?? '';
const endOf = (e: Exchange): number => Date.parse(e.at) + (e.durationMs ?? 0);

export function honoursRetryAfter(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'retry-after',
    title: 'A 503 with Retry-After is retried after the delay, not before',
    verifies: ['WADO-010'],
    async run(ctx) {
      const wado = ctx.simulators.wado;
      if (!wado) throw new Error('the consumer plan needs its wado simulator');
      const busy = wado.exchanges().find((e) => e.transaction === 'RAD-107' && e.response?.status === 503);
      if (!busy) return { state: 'skip', message: 'our WADO-RS source never answered the SUT 503 (nothing to honour)' };
      await ctx.evidence.exchange(busy);
      const header = busy.response?.headers?.['retry-after'];
      const delayMs = Number(header ?? '0') * 1000;
      const due = endOf(busy) + delayMs;
      const again = () =>
        wado
          .exchanges()
          .filter(
            (e) => e.id !== busy.id && e.transaction === 'RAD-107' && pathOf(e) === pathOf(busy) && Date.parse(e.at) >= Date.parse(busy.at),
          );
      const deadline = Date.now() + delayMs + waitMs;
      while (again().length === 0 && Date.now() < deadline && !ctx.signal.aborted) await new Promise((ok) => setTimeout(ok, POLL_MS));
      const retries = again();
      for (const e of retries) await ctx.evidence.exchange(e);
      const art = `RAD-107 ${busy.id}`;
      if (retries.length === 0)
        return ctx.fromFindings([
          finding(
            'idc.wado.busy-no-retry',
            ['WADO-010'],
            art,
            'Retry-After',
            `after 503 with Retry-After: ${header ?? '(none)'} the SUT never retrieved ${pathOf(busy)} again (waited ${delayMs + waitMs} ms)`,
            'error',
            busy.id,
          ),
        ]);
      const early = retries.filter((e) => Date.parse(e.at) < due - SLACK_MS);
      if (early.length === 0) return ctx.fromFindings([], [busy.id, ...retries.map((e) => e.id)]);
      return ctx.fromFindings(
        early.map((e) =>
          finding(
            'idc.wado.busy-early',
            ['WADO-010'],
            `RAD-107 ${e.id}`,
            'Retry-After',
            `retried ${Date.parse(e.at) - endOf(busy)} ms after a 503 that said Retry-After: ${header ?? '(none)'}`,
            'error',
            e.id,
          ),
        ),
      );
    },
  });
}
