// GW-011 / KOS-049: a published study that changes at the PACS is published again, replacing the
// first manifest. We store a third series of the same study in the legacy PACS (as a late
// modality push would), then wait for the gateway's next RAD-68 about the study: it must carry an
// RPLC association to the entry it replaces (our registry then holds that entry Deprecated), and
// its manifest must be a new object (new SOP Instance UID) of the same study listing the new
// series. Runs last: the other tests read the study as first stored.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../../model/finding.ts';
import { buildStudy } from '../../../../fixtures/builders/study.ts';
import { ASSOC, DE, externalIdOf, SLOT, slotValues, STATUS, type DocumentEntry } from '../../../../protocols/ebrim/index.ts';
import { cStore } from '../../../../simulators/clients/dimse.ts';
import { param, storedQuery } from '../../../../simulators/clients/xds-consumer.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { readStoredManifest } from '../../common/stored-manifest.ts';
import { recorded } from '../../common/step-kit.ts';
import { submissionOf } from '../../common/xds-messages.ts';
import { GW } from '../ids.ts';
import { finding, need, type PlanState } from '../state.ts';
import { legacyPacs } from './seed.ts';

const REQS = ['GW-011', 'KOS-049'];

export function republishOnChange(state: PlanState, waitMs: number): StepDef {
  return defineStep({
    id: 'republish',
    title: 'A series added at the PACS is published as a replacement manifest (RPLC)',
    verifies: REQS,
    async run(ctx) {
      const seeded = need(state.seeded, 'the seeded study');
      const first = need(state.manifest, 'the published manifest');
      const firstUid = externalIdOf(first.entry, DE.uniqueId)?.value;
      if (!firstUid) throw new Error('the first manifest has no uniqueId: gw.publish reports that');
      const added = await addSeries(ctx, seeded.studyUid);
      const ex = await ctx.waitFor({
        transaction: 'RAD-68',
        simulator: 'xds',
        timeoutMs: waitMs,
        instructions: `let the gateway notice series ${added.seriesUid} added to study ${seeded.studyUid} at the PACS and publish a replacement manifest`,
        match: (e) => {
          const r = submissionOf(e);
          const d = typeof r === 'string' ? undefined : r.objects.documentEntries[0];
          return (
            !!d &&
            d.mimeType === 'application/dicom' &&
            slotValues(d, SLOT.referenceIdList).some((v) => v.startsWith(`${seeded.studyUid}^`))
          );
        },
      });
      const art = `RAD-68 ${ex.id}`;
      const sub = submissionOf(ex);
      if (typeof sub === 'string')
        return ctx.fromFindings([finding('gw.republish.rplc', REQS, art, '', `unreadable submission: ${sub}`, ex.id)]);
      const entry = sub.objects.documentEntries[0]!;
      const out: Finding[] = [];
      // The registry's entryUUID of the first manifest, and its status now.
      const prior = await recorded(ctx, (rec) =>
        storedQuery(`${ctx.simulators.xds!.url}/xds/registry`, QUERY.GetDocuments, [param('$XDSDocumentEntryUniqueId', firstUid)], rec),
      );
      const priorEntry: DocumentEntry | undefined = prior.response?.objects.documentEntries[0];
      const rplc = sub.objects.associations.filter((a) => a.type === ASSOC.rplc && a.source === entry.id);
      if (!rplc.some((a) => a.target === priorEntry?.id))
        out.push(
          finding(
            'gw.republish.rplc',
            REQS,
            art,
            'rim:Association',
            `the new manifest carries no RPLC association to the entry it replaces (${priorEntry?.id ?? firstUid}); RPLC targets: [${rplc.map((a) => a.target).join(', ')}]`,
            ex.id,
          ),
        );
      else if (priorEntry?.status !== STATUS.deprecated)
        out.push(
          finding(
            'gw.republish.rplc',
            REQS,
            art,
            'rim:Association',
            `our registry kept ${priorEntry?.id} ${priorEntry?.status ?? ''}, not Deprecated`,
            ex.id,
          ),
        );
      const uid = externalIdOf(entry, DE.uniqueId)?.value;
      if (!uid || uid === firstUid)
        return ctx.fromFindings([
          ...out,
          finding(
            'gw.republish.new-object',
            REQS,
            art,
            'XDSDocumentEntry.uniqueId',
            `the replacement reuses the first manifest's uniqueId ${firstUid}`,
            ex.id,
          ),
        ]);
      const { artefact, read } = await readStoredManifest(ctx, uid, () => `our repository returned no document ${uid}`);
      const f = read.facts;
      if (!f) out.push(finding('gw.republish.content', REQS, artefact, '', 'the replacement manifest is not a readable KOS', ex.id));
      else {
        if (f.studyInstanceUid !== seeded.studyUid)
          out.push(
            finding(
              'gw.republish.content',
              REQS,
              artefact,
              'StudyInstanceUID',
              `Study Instance UID ${f.studyInstanceUid} is not ${seeded.studyUid}`,
              ex.id,
            ),
          );
        const listed = new Set(f.series.flatMap((s) => s.instances.map((i) => i.sopInstanceUid)));
        const missing = added.instances.filter((i) => !listed.has(i));
        if (missing.length > 0)
          out.push(
            finding(
              'gw.republish.content',
              REQS,
              artefact,
              'ReferencedSeriesSequence',
              `the new series' instances ${missing.join(', ')} are not listed`,
              ex.id,
            ),
          );
      }
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}

/** The seeded study's third series (same seed, so series 1–2 are the ones already stored). */
async function addSeries(ctx: Parameters<StepDef['run']>[0], studyUid: string): Promise<{ seriesUid: string; instances: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'mcwg-gw-series-'));
  try {
    const built = await buildStudy(dir, {
      instances: 6,
      series: 3,
      rows: 8,
      columns: 8,
      seed: GW.localSeed,
      patientId: GW.localId,
      accessionNumber: GW.accession,
    });
    if (built.study.studyInstanceUid !== studyUid) throw new Error('the added series would belong to another study');
    const third = built.study.series[2]!;
    const statuses = await cStore(
      legacyPacs(ctx),
      third.instances.map((i) => join(dir, i.file)),
    );
    if (statuses.some((s) => s !== 0)) throw new Error(`the legacy PACS did not store the added series: statuses [${statuses.join(', ')}]`);
    return { seriesUid: third.seriesInstanceUid, instances: third.instances.map((i) => i.sopInstanceUid) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
