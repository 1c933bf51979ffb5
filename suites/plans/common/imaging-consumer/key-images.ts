// KIN-012 / KIN-013, the consumer side. The target study carries a key-image note (KO series)
// and its manifest back-references the flagged image (Related Series Sequence). The tester opens
// the study again in the consumer's key-images-only view: the session starts with a fresh read
// of the manifest (ITI-43, or ITI-68 for MHD) and its WADO-RS traffic is what we judge.
//  KIN-012: the flags come from the manifest alone: the key image is retrieved and nothing of
//    the KO series is (the consumer did not open the KIN to learn what is flagged);
//  KIN-013: only what holds a flagged image is retrieved: no study-level retrieve, no
//    series-level retrieve of a series without a flagged image.
import type { Exchange } from '../../../../model/exchange.ts';
import type { Finding } from '../../../../model/finding.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { seededOf } from './seeded-xds.ts';
import { finding, WAIT_MS } from './state.ts';

const QUIET_MS = 600;
const POLL_MS = 100;

/** studies/{s}[/series/{r}[/instances/{i}]] of a retrieve URL. */
function levelOf(e: Exchange): { study?: string; series?: string; instance?: string } {
  const m = /\/studies\/([^/?]+)(?:\/series\/([^/?]+))?(?:\/instances\/([^/?]+))?/.exec(e.request.url ?? '');
  return m ? { ...(m[1] ? { study: m[1] } : {}), ...(m[2] ? { series: m[2] } : {}), ...(m[3] ? { instance: m[3] } : {}) } : {};
}

/** `manifestTx`: how the consumer reads the manifest ('ITI-43' from `xds`, 'ITI-68' from `mhd`). */
export function keyImagesOnly(manifestTx: 'ITI-43' | 'ITI-68', waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'key-images',
    title: 'Key images only: flags from the manifest alone, only flagged images retrieved',
    verifies: ['KIN-012', 'KIN-013'],
    async run(ctx) {
      const seeded = seededOf(ctx.simulators);
      const wado = ctx.simulators.wado;
      const target = seeded?.studies[0];
      if (!seeded || !wado || !target?.kin) throw new Error('the key-images test needs the seeded study with its key-image note');
      const kin = target.kin;
      const start = await ctx.waitFor({
        transaction: manifestTx,
        simulator: manifestTx === 'ITI-43' ? 'xds' : 'mhd',
        timeoutMs: waitMs,
        instructions: `open study ${target.study.studyInstanceUid} again in the key-images-only view: read its manifest again (${manifestTx}), flag the significant images from the manifest's back-references and retrieve only those by WADO-RS`,
      });
      const since = Date.parse(start.at);
      const session = () => wado.exchanges().filter((e) => e.transaction === 'RAD-107' && Date.parse(e.at) >= since);
      // The first retrieve of the session, then traffic until the source is quiet.
      const deadline = Date.now() + waitMs;
      while (session().length === 0 && Date.now() < deadline && !ctx.signal.aborted) await new Promise((ok) => setTimeout(ok, POLL_MS));
      for (let n = -1; n !== session().length && !ctx.signal.aborted; ) {
        n = session().length;
        await new Promise((ok) => setTimeout(ok, QUIET_MS));
      }
      const got = session();
      for (const e of got) await ctx.evidence.exchange(e);
      const flaggedSeries = new Set(
        target.study.series.filter((s) => s.instances.some((i) => kin.flagged.includes(i.sopInstanceUid))).map((s) => s.seriesInstanceUid),
      );
      const out: Finding[] = [];
      const art = (e: Exchange) => `RAD-107 ${e.id}`;
      for (const e of got) {
        const l = levelOf(e);
        if (l.series === kin.seriesInstanceUid)
          out.push(
            finding(
              'idc.kin.ko-retrieved',
              ['KIN-012'],
              art(e),
              'URL',
              `retrieves the key-image note's series ${kin.seriesInstanceUid}: the flags were not taken from the manifest alone`,
              'error',
              e.id,
            ),
          );
        if (!l.series)
          out.push(
            finding(
              'idc.kin.study-level',
              ['KIN-013'],
              art(e),
              'URL',
              `a study-level retrieve in the key-images-only view (${e.request.url ?? ''})`,
              'error',
              e.id,
            ),
          );
        else if (!l.instance && !flaggedSeries.has(l.series) && l.series !== kin.seriesInstanceUid)
          out.push(
            finding(
              'idc.kin.series-level',
              ['KIN-013'],
              art(e),
              'URL',
              `retrieves all of series ${l.series}, which holds no flagged image`,
              'error',
              e.id,
            ),
          );
      }
      // The flagged image must be fetched: by itself, or within its series or study.
      const fetched = (uid: string) =>
        got.some((e) => {
          const l = levelOf(e);
          return e.response?.status === 200 && (l.instance === uid || (!l.instance && (!l.series || flaggedSeries.has(l.series))));
        });
      const missed = kin.flagged.filter((uid) => !fetched(uid));
      if (missed.length > 0)
        out.push(
          finding(
            'idc.kin.not-flagged',
            ['KIN-012'],
            'WADO-RS source',
            'RAD-107',
            got.length === 0
              ? `no WADO-RS retrieve after the manifest was read again (waited ${waitMs} ms)`
              : `the flagged image(s) ${missed.join(', ')} were not retrieved in the key-images-only view`,
            'error',
            got[0]?.id ?? start.id,
          ),
        );
      return ctx.fromFindings(out, [start.id]);
    },
  });
}
