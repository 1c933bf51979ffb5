// The SUT's WADO-RS traffic at our source, after it has the manifest. Three steps:
//  retrieve: Part 10 retrieval happens at all (WADO-011); a consumer that asked for metadata or
//    QIDO instead, which MCWG sources need not offer, is told so;
//  requests: every retrieve is built from the manifest (the target study, its series: WADO-014)
//    with an acceptable Accept header (WADO-015);
//  extras: QIDO-RS use is an error (WADO-012), metadata use a warning (WADO-013).
import type { Exchange } from '../../../../model/exchange.ts';
import type { Finding } from '../../../../model/finding.ts';
import { WaitTimeout } from '../../../engine/wait-for.ts';
import { defineStep, type StepContext, type StepDef } from '../../../engine/dsl.ts';
import { seededOf, type SeededXds } from './seeded-xds.ts';
import { finding, WAIT_MS, type PlanState } from './state.ts';
import { instructions } from './instructions.ts';

/** After the first retrieve, traffic is taken as complete once the source is quiet this long. */
const QUIET_MS = 400;
const KEY = 'wado-exchanges';

/** `say`: the ACTION text; the MHD consumer plan names its own transactions (ITI-67/ITI-68). */
export function retrieveImages(
  state: PlanState,
  waitMs = WAIT_MS,
  say: (seeded: SeededXds, ctx: StepContext) => string = (s) => instructions(s),
): StepDef {
  return defineStep({
    id: 'retrieve',
    title: 'The SUT retrieves the images as Part 10 by WADO-RS (RAD-107)',
    verifies: ['WADO-011'],
    async run(ctx) {
      const seeded = seededOf(ctx.simulators);
      if (!seeded || !ctx.simulators.wado) throw new Error('the consumer plan needs its xds and wado simulators');
      try {
        await ctx.waitFor({ transaction: 'RAD-107', simulator: 'wado', timeoutMs: waitMs, instructions: say(seeded, ctx) });
      } catch (err) {
        if (!(err instanceof WaitTimeout)) throw err;
        const extras = ctx.simulators.wado.exchanges().filter((e) => e.transaction !== 'RAD-107');
        for (const e of extras) await ctx.evidence.exchange(e);
        const why = extras.length
          ? `; it asked instead for ${extras.map((e) => `${e.transaction} (${e.request.summary ?? ''})`).join(', ')}, which MCWG sources need not offer`
          : '';
        return ctx.fromFindings(
          [
            finding(
              'idc.wado.no-retrieve',
              ['WADO-011'],
              'WADO-RS source',
              'RAD-107',
              `no Part 10 retrieve within ${waitMs} ms${why}`,
              'error',
              extras[0]?.id ?? 'none',
            ),
          ].map((f) => (extras.length ? f : { ...f, evidence: [] })),
        );
      }
      const all = await settle(ctx);
      for (const e of all) await ctx.evidence.exchange(e);
      ctx.shared.set(KEY, all);
      return {
        state: 'pass',
        message: `${all.filter((e) => e.transaction === 'RAD-107').length} retrieve(s) of study ${state.retrieved?.study.studyInstanceUid ?? '?'}`,
      };
    },
  });
}

export function checkRequests(state: PlanState): StepDef {
  return defineStep({
    id: 'requests',
    title: 'Retrieves are built from the manifest and ask for application/dicom',
    verifies: ['WADO-014', 'WADO-015'],
    run(ctx) {
      const target = state.retrieved;
      if (!target) throw new Error('no retrieved manifest recorded');
      const series = new Set(target.study.series.map((s) => s.seriesInstanceUid));
      const out: Finding[] = [];
      for (const e of wadoOf(ctx).filter((x) => x.transaction === 'RAD-107')) {
        const art = `RAD-107 ${e.id}`;
        const path = (e.request.url ?? '').split('?')[0] ?? '';
        const m = /\/studies\/([^/]+)(?:\/series\/([^/]+))?/.exec(path);
        if (!m || m[1] !== target.study.studyInstanceUid)
          out.push(
            finding(
              'idc.wado.wrong-study',
              ['WADO-014'],
              art,
              'URL',
              `retrieves ${path}, not the study of the manifest (${target.study.studyInstanceUid})`,
              'error',
              e.id,
            ),
          );
        else if (m[2] && !series.has(m[2]))
          out.push(
            finding(
              'idc.wado.wrong-series',
              ['WADO-014'],
              art,
              'URL',
              `retrieves series ${m[2]}, which the manifest does not list`,
              'error',
              e.id,
            ),
          );
        const accept = e.request.headers?.accept ?? '';
        if (!/multipart\/related/i.test(accept) || !/type="?application\/dicom"?/i.test(accept))
          out.push(
            finding(
              'idc.wado.accept',
              ['WADO-015'],
              art,
              'Accept',
              `Accept: ${accept || '(none)'}; expected multipart/related; type="application/dicom"`,
              'error',
              e.id,
            ),
          );
      }
      return ctx.fromFindings(out);
    },
  });
}

export function checkExtras(): StepDef {
  return defineStep({
    id: 'no-qido',
    title: 'No QIDO-RS, no metadata: the manifest is enough',
    verifies: ['WADO-012', 'WADO-013'],
    run(ctx) {
      const out: Finding[] = [];
      for (const e of wadoOf(ctx)) {
        if (e.transaction === 'QIDO-RS')
          out.push(
            finding(
              'idc.wado.qido',
              ['WADO-012'],
              `QIDO-RS ${e.id}`,
              'URL',
              `the consumer searched by QIDO-RS (${e.request.summary ?? ''}); MCWG consumers locate studies from the manifest and registry`,
              'error',
              e.id,
            ),
          );
        if (e.transaction === 'WADO-RS metadata')
          out.push(
            finding(
              'idc.wado.metadata',
              ['WADO-013'],
              `metadata ${e.id}`,
              'URL',
              `the consumer asked for metadata (${e.request.summary ?? ''}) while Part 10 retrieval is all MCWG requires`,
              'warning',
              e.id,
            ),
          );
      }
      return ctx.fromFindings(out);
    },
  });
}

function wadoOf(ctx: StepContext): Exchange[] {
  return (ctx.shared.get(KEY) as Exchange[] | undefined) ?? [];
}

/** Waits until the source has been quiet for QUIET_MS, then returns everything it recorded. */
async function settle(ctx: StepContext): Promise<Exchange[]> {
  const wado = ctx.simulators.wado!;
  let count = -1;
  for (;;) {
    const now = wado.exchanges();
    const open = now.some((e) => e.response === undefined && e.error === undefined);
    if (now.length === count && !open) return now;
    count = now.length;
    await new Promise((r) => setTimeout(r, QUIET_MS));
    if (ctx.signal.aborted) return wado.exchanges();
  }
}
