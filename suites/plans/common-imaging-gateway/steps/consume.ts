// The gateway consumes a remote study for its local users: it queries our registry (ITI-18)
// for the patient, retrieves the remote manifest (ITI-43; GW-006), then the images from the
// remote source at the manifest's Retrieve URL (RAD-107; GW-007).
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { GW } from '../ids.ts';
import { REMOTE } from '../simulators.ts';
import { finding } from '../state.ts';
import { WAIT_MS } from './publish.ts';

export function queryRegistry(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'query',
    title: 'The gateway queries our registry for the patient (ITI-18)',
    verifies: ['GW-006'],
    async run(ctx) {
      const ex = await ctx.waitFor({
        transaction: 'ITI-18',
        simulator: 'xds',
        timeoutMs: waitMs,
        instructions: `make the gateway look up the prior studies of patient ${GW.nationalCx} in ${ctx.simulators.xds?.url ?? ''}/xds/registry`,
        match: (e) => (e.request.body ?? '').includes(GW.nationalId) || (e.request.body ?? '').includes(REMOTE.studyUid),
      });
      const body = ex.request.body ?? '';
      const ok = body.includes(QUERY.FindDocuments) || body.includes(QUERY.FindDocumentsByReferenceId);
      return ctx.fromFindings(
        ok
          ? []
          : [
              finding(
                'gw.consume.query',
                ['GW-006'],
                `ITI-18 ${ex.id}`,
                'AdhocQuery/@id',
                'expected FindDocuments or FindDocumentsByReferenceId',
                ex.id,
              ),
            ],
        [ex.id],
      );
    },
  });
}

export function retrieveRemoteManifest(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'retrieve-manifest',
    title: 'The gateway retrieves the remote manifest (ITI-43)',
    verifies: ['GW-006'],
    async run(ctx) {
      const ex = await ctx.waitFor({
        transaction: 'ITI-43',
        simulator: 'xds',
        timeoutMs: waitMs,
        instructions: `make the gateway retrieve manifest ${REMOTE.manifestUid}`,
        match: (e) => (e.request.body ?? '').includes(REMOTE.manifestUid),
      });
      return ctx.fromFindings([], [ex.id]);
    },
  });
}

export function retrieveRemoteImages(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'retrieve-images',
    title: "The gateway retrieves the remote images at the manifest's Retrieve URL (RAD-107)",
    verifies: ['GW-007'],
    async run(ctx) {
      const ex = await ctx.waitFor({
        transaction: 'RAD-107',
        simulator: 'remote',
        timeoutMs: waitMs,
        instructions: `make the gateway open the remote study ${REMOTE.studyUid}`,
        match: (e) => (e.request.url ?? '').includes(REMOTE.studyUid),
      });
      // Recorded when the request arrives: let the response finish before judging it.
      for (let t = 0; t < 200 && !ex.response && !ex.error && !ctx.signal.aborted; t++) await new Promise((r) => setTimeout(r, 50));
      const ok = Math.floor((ex.response?.status ?? 0) / 100) === 2;
      return ctx.fromFindings(
        ok
          ? []
          : [
              finding(
                'gw.consume.images',
                ['GW-007'],
                `RAD-107 ${ex.id}`,
                'request-line',
                `the retrieve ${ex.request.summary ?? ''} did not succeed: ${ex.response?.summary ?? ex.error ?? ''}`,
                ex.id,
              ),
            ],
        [ex.id],
      );
    },
  });
}
