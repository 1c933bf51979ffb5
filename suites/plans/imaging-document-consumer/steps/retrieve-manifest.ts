// The SUT's ITI-43 for the manifest it found: it must ask the repository the registry names
// for the target study's manifest, not another study's (XDS-025); through an initiating gateway
// (architecture B) with the HomeCommunityId the query returned.
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { seededOf } from '../../common/imaging-consumer/seeded-xds.ts';
import { finding, retrieveRequestOf, type PlanState } from '../../common/imaging-consumer/state.ts';
import { instructions } from '../../common/imaging-consumer/instructions.ts';
import { WAIT_MS } from './query.ts';

export function retrieveManifest(state: PlanState, waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'retrieve-manifest',
    title: "ITI-43 retrieves the target study's manifest",
    verifies: ['XDS-025'],
    async run(ctx) {
      const seeded = seededOf(ctx.simulators);
      if (!seeded) throw new Error('the consumer plan needs its seeded xds simulator');
      const ex = await ctx.waitFor({ transaction: 'ITI-43', simulator: 'xds', timeoutMs: waitMs, instructions: instructions(seeded) });
      const art = `ITI-43 ${ex.id}`;
      const req = retrieveRequestOf(ex);
      if (typeof req === 'string')
        return ctx.fromFindings([finding('idc.retrieve.readable', ['XDS-025'], art, 'soap:Body', req, 'error', ex.id)]);
      const target = seeded.studies[0]!;
      const asked = req.requests.map((r) => r.documentUniqueId);
      if (!asked.includes(target.manifestUid)) {
        const other = seeded.studies
          .filter((s) => asked.includes(s.manifestUid))
          .map((s) => `${s.key} (${s.modality} ${s.date}, ${s.accession})`);
        return ctx.fromFindings([
          finding(
            'idc.retrieve.wrong-study',
            ['XDS-025'],
            art,
            'DocumentRequest/DocumentUniqueId',
            `retrieved ${asked.join(', ') || 'nothing'}${other.length ? ` = ${other.join(', ')}` : ''}, not the manifest of the requested study (${target.manifestUid})`,
            'error',
            ex.id,
          ),
        ]);
      }
      // Architecture B: the gateway routes by the home the query returned; without it the retrieve cannot reach the study.
      const home = seeded.homeCommunityId;
      const unrouted = home ? req.requests.filter((r) => r.documentUniqueId === target.manifestUid && r.homeCommunityId !== home) : [];
      if (unrouted.length > 0)
        return ctx.fromFindings([
          finding(
            'idc.retrieve.home',
            ['XDS-025'],
            art,
            'DocumentRequest/HomeCommunityId',
            `the manifest ${target.manifestUid} is asked for with HomeCommunityId ${unrouted[0]!.homeCommunityId ?? '(absent)'}; the query returned it with home ${home}`,
            'error',
            ex.id,
          ),
        ]);
      state.retrieved = target;
      return { state: 'pass', message: `manifest ${target.manifestUid}`, evidence: [ex.id] };
    },
  });
}
