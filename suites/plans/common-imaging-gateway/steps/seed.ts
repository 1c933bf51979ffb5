// Loads a small synthetic study into the legacy PACS behind the gateway with C-STORE, as the
// hospital's modality would: the gateway is tested through its external interfaces only.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStudy } from '../../../../fixtures/builders/study.ts';
import { defineStep, type StepDef, type StepContext } from '../../../engine/dsl.ts';
import { cStore, type DimsePeer } from '../../../../simulators/clients/dimse.ts';
import { GW } from '../ids.ts';
import type { PlanState } from '../state.ts';

export function legacyPacs(ctx: StepContext): DimsePeer {
  const ep = ctx.sut.endpoints.legacyPacs;
  const aet = ctx.sut.aeTitles.legacyPacs;
  if (!ep || !aet) throw new Error('the SUT profile needs endpoints.legacyPacs (host:port) and aeTitles.legacyPacs');
  const [host, port] = ep.replace(/^\w+:\/\//, '').split(':');
  return { host: host!, port: Number(port), aet, callingAet: GW.callingAet };
}

export function seedPacs(state: PlanState): StepDef {
  return defineStep({
    id: 'seed-pacs',
    title: 'Our study (2 series) is stored in the legacy PACS by C-STORE',
    verifies: ['GW-014'],
    async run(ctx) {
      const dir = await mkdtemp(join(tmpdir(), 'mcwg-gw-study-'));
      try {
        const built = await buildStudy(dir, {
          instances: 4,
          series: 2,
          rows: 8,
          columns: 8,
          seed: GW.localSeed,
          patientId: GW.localId,
          accessionNumber: GW.accession,
        });
        const files = built.study.series.flatMap((s) => s.instances.map((i) => join(dir, i.file)));
        const statuses = await cStore(legacyPacs(ctx), files);
        // Our environment, not the gateway: a PACS that does not take the study is a setup error.
        if (statuses.length !== files.length || statuses.some((s) => s !== 0))
          throw new Error(`the legacy PACS did not store the study: statuses [${statuses.join(', ')}]`);
        state.seeded = {
          studyUid: built.study.studyInstanceUid,
          series: new Map(built.study.series.map((s) => [s.seriesInstanceUid, s.instances.map((i) => i.sopInstanceUid)])),
        };
        return 'pass' as const;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  });
}
