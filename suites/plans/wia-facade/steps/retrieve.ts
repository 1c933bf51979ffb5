// WADO-RS through the SUT facade (WIA-005): a series of the target study retrieved through it
// is byte for byte the series our source serves, and the facade fetched it from that source.
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { facadeBase, finding, retrieveParts } from '../calls.ts';
import { seeded } from './query.ts';

export function retrieveSeries(): StepDef {
  return defineStep({
    id: 'retrieve',
    title: "A series retrieved through the facade is the source's, byte for byte",
    verifies: ['WIA-005'],
    async run(ctx) {
      const target = seeded(ctx).studies[0]!.study;
      const se = target.series[0]!;
      const path = `/studies/${target.studyInstanceUid}/series/${se.seriesInstanceUid}`;
      const wado = ctx.simulators.wado;
      if (!wado) throw new Error('the wia-facade plan needs its wado simulator');
      const via = await retrieveParts(ctx, `${facadeBase(ctx)}${path}`, true);
      if (via.status !== 200 || via.error || via.parts.length === 0)
        return ctx.fromFindings([
          finding(
            'wia.retrieve.answer',
            ['WIA-005'],
            via.exchange,
            'HTTP',
            `expected 200 multipart/related with ${se.instances.length} instances; got ${via.status ?? 'nothing'} with ${via.parts.length} parts${via.error ? `: ${via.error}` : ''}`,
          ),
        ]);
      const direct = await retrieveParts(ctx, `${wado.url}${path}`, false);
      const [a, b] = [[...via.parts].sort(), [...direct.parts].sort()];
      if (a.join() !== b.join())
        return ctx.fromFindings([
          finding(
            'wia.retrieve.bytes',
            ['WIA-005'],
            via.exchange,
            'multipart/related',
            `the ${a.length} parts through the facade differ from the ${b.length} parts the source serves (${a.filter((h) => !b.includes(h)).length} differ)`,
          ),
        ]);
      return ctx.fromFindings([]);
    },
  });
}
