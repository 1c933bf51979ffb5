// Key-image notes: the manifest lists the KINs stored in the study; we fetch each from the
// SUT's WADO-RS source and check the notes and the manifest's back-references together.
import { KOS_SOP_CLASS as KOS_CLASS } from '../../../../protocols/dicom/sop-classes.ts';
import type { Finding } from '../../../../model/finding.ts';
import { getMultipart } from '../../../../simulators/clients/wado-rs-exchange.ts';
import { PART10_ACCEPT } from '../../../../simulators/clients/wado-rs.ts';
import { validateKosSet } from '../../../../validators/kos/validate.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, needKos, type PlanState } from '../state.ts';

export const KIN_REQS = [
  'KIN-002',
  'KIN-003',
  'KIN-004',
  'KIN-005',
  'KIN-006',
  'KIN-007',
  'KIN-008',
  'KIN-009',
  'KIN-010',
  'KIN-011',
  'KIN-015',
];

export function validateKin(state: PlanState): StepDef {
  return defineStep({
    id: 'kin',
    title: 'Key-image notes of the study and their back-references in the manifest',
    verifies: KIN_REQS,
    async run(ctx) {
      const kos = needKos(state);
      const facts = kos.facts;
      if (!facts) return { state: 'skip', message: 'the manifest could not be read' };
      const kins = facts.series.flatMap((s) =>
        s.instances.filter((i) => i.sopClassUid === KOS_CLASS).map((i) => ({ series: s.seriesInstanceUid, uid: i.sopInstanceUid })),
      );
      if (kins.length === 0) return { state: 'omit', message: 'the manifest lists no key-image note' };
      const base = ctx.sut.endpoints.wadoRs;
      if (!base) return { state: 'skip', message: 'the SUT profile has no endpoints.wadoRs' };
      const out: Finding[] = [];
      const inputs = [{ artefact: kos.artefact, bytes: kos.bytes }];
      for (const k of kins) {
        const url = `${base.replace(/\/+$/, '')}/studies/${facts.studyInstanceUid}/series/${k.series}/instances/${k.uid}`;
        const chunks: Buffer[] = [];
        const res = await getMultipart(url, { accept: PART10_ACCEPT, timeoutMs: 60_000, idleTimeoutMs: 15_000 }, async (part) => {
          if (chunks.length > 0) return false;
          for await (const c of part.body as AsyncIterable<Buffer>) chunks.push(c);
          return true;
        });
        await ctx.evidence.exchange(res.exchange);
        const artefact = `KIN ${k.uid}.dcm`;
        if (res.status !== 200 || chunks.length === 0) {
          out.push(
            finding(
              'ids.kin.retrievable',
              ['KIN-003'],
              artefact,
              url,
              `the key-image note the manifest lists could not be retrieved: HTTP ${res.status ?? res.failure?.message ?? '?'}`,
              res.exchange.id,
            ),
          );
          continue;
        }
        const bytes = Buffer.concat(chunks);
        await ctx.evidence.attach(artefact, bytes, 'application/dicom');
        inputs.push({ artefact, bytes });
      }
      for (const r of validateKosSet(inputs, { profiles: ['kin'] })) out.push(...r.findings);
      return ctx.fromFindings(out, [kos.artefact]);
    },
  });
}
