// WADO-016: a study retrieve is streamed, not assembled before sending. We time one study
// retrieve: a streaming source sends its first body byte long before the last; a buffering
// one only when the whole body is ready. A retrieve too quick to tell the two apart (a small
// study on a fast link) leaves WADO-016 not tested rather than passed.
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { exchangeFinding } from '../../common/step-kit.ts';
import { missingInput, studyOf } from '../state.ts';
import { timedGet } from './http-timing.ts';
import { withClientSecurity } from '../../common/client-tls.ts';

/** Below this whole-retrieve time, first-byte timing says nothing. */
export const MIN_TOTAL_MS = 200;
/** First byte later than this share of the whole retrieve: the body was ready before it was sent. */
export const BUFFERED_SHARE = 0.8;

export function streaming(): StepDef {
  return defineStep({
    id: 'streaming',
    title: 'A study retrieve streams: the first byte comes well before the last',
    verifies: ['WADO-016'],
    async run(ctx) {
      const missing = missingInput(ctx.sut);
      if (missing) return { state: 'skip', message: missing };
      const url = `${ctx.sut.endpoints.wadoRs!.replace(/\/$/, '')}/studies/${studyOf(ctx.sut)!}`;
      const a = await timedGet(url, 'RAD-107', withClientSecurity(ctx.sut));
      await ctx.evidence.exchange(a.exchange);
      const figures = {
        url,
        status: a.status,
        bytes: a.bytes,
        headersMs: Math.round(a.headersMs),
        firstByteMs: a.firstByteMs === undefined ? null : Math.round(a.firstByteMs),
        totalMs: Math.round(a.totalMs),
      };
      const att = await ctx.evidence.attach('streaming.json', Buffer.from(`${JSON.stringify(figures, null, 1)}\n`), 'application/json');
      if (a.error || a.status !== 200 || a.firstByteMs === undefined) {
        return {
          ...ctx.fromFindings([], [att]),
          notChecked: {
            reqIds: ['WADO-016'],
            reason: `the study retrieve did not complete (${a.error ?? `HTTP ${a.status}`}); WADO-001 judges that`,
          },
        };
      }
      if (a.totalMs < MIN_TOTAL_MS)
        return {
          ...ctx.fromFindings([], [att]),
          notChecked: {
            reqIds: ['WADO-016'],
            reason: `the whole retrieve took ${Math.round(a.totalMs)} ms: too quick to tell streaming from buffering (use a larger study)`,
          },
        };
      if (a.firstByteMs < BUFFERED_SHARE * a.totalMs) return ctx.fromFindings([], [att]);
      return ctx.fromFindings(
        [
          exchangeFinding(
            'wado.streaming',
            ['WADO-016'],
            a.exchange,
            'timing',
            `the first body byte came after ${Math.round(a.firstByteMs)} ms of a ${Math.round(a.totalMs)} ms retrieve: the body was assembled before sending`,
          ),
        ],
        [att],
      );
    },
  });
}
