// WADO-010, the source side: a burst of concurrent study retrieves. Each must be served (200)
// or refused for lack of resources with 503 (Retry-After preferred: its absence is a warning);
// a 5xx other than 503, another error status, a timeout or a dropped connection fails, as the
// catalogue's load test says. A source that serves every request passes.
import type { Finding } from '../../../../model/finding.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { exchangeFinding } from '../../common/step-kit.ts';
import { missingInput, studyOf } from '../state.ts';
import { timedGet } from './http-timing.ts';
import { authHeaders, withClientTls } from '../../common/client-tls.ts';

export const BURST = 12;
/** Marks the burst's requests (harmless to a real source; lets a defect proxy tell them apart). */
export const LOAD_HEADER = 'x-mcwg-load-test';

export function busySource(burst = BURST): StepDef {
  return defineStep({
    id: 'busy',
    title: `${burst} concurrent study retrieves: each served, or refused with 503 (Retry-After)`,
    verifies: ['WADO-010'],
    async run(ctx) {
      const missing = missingInput(ctx.sut);
      if (missing) return { state: 'skip', message: missing };
      const url = `${ctx.sut.endpoints.wadoRs!.replace(/\/$/, '')}/studies/${studyOf(ctx.sut)!}`;
      const answers = await Promise.all(
        Array.from({ length: burst }, (_, i) =>
          timedGet(url, 'RAD-107', { headers: { [LOAD_HEADER]: String(i + 1), ...authHeaders(ctx.sut) }, ...withClientTls(ctx.sut) }),
        ),
      );
      const out: Finding[] = [];
      for (const a of answers) {
        await ctx.evidence.exchange(a.exchange);
        // No answer at all (refused, unresolvable): our side could not judge, see below.
        if (a.noAnswer) continue;
        const at = (msg: string, severity: Finding['severity'] = 'error') =>
          out.push({
            ...exchangeFinding(
              severity === 'error' ? 'wado.busy.status' : 'wado.busy.retry-after',
              ['WADO-010'],
              a.exchange,
              'HTTP status',
              msg,
            ),
            severity,
          });
        if (a.error) at(`under a burst of ${burst} concurrent retrieves a request got no whole answer: ${a.error}`);
        else if (a.status === 503) {
          if (!a.headers?.['retry-after']) at('503 without Retry-After: the client cannot tell when to come back', 'warning');
        } else if (a.status !== 200)
          at(
            `under a burst of ${burst} concurrent retrieves the source answered ${a.status}; a busy source answers 503 (with Retry-After)`,
          );
      }
      const unanswered = answers.find((a) => a.noAnswer);
      if (unanswered && out.length === 0) return { state: 'error', message: `our side could not reach ${url}: ${unanswered.error ?? ''}` };
      return ctx.fromFindings(out);
    },
  });
}
