// The gateway publishes the manifest of the reported study to our registry (RAD-68) and the
// report itself (ITI-41). We read the manifest back from our repository and check what the
// gateway took from the PACS (every series and instance, GW-003), from the RIS (accession,
// GW-001) and the patient identity (national ID, local ID kept, GW-010).
import type { Exchange } from '../../../../model/exchange.ts';
import type { Finding } from '../../../../model/finding.ts';
import { DE, externalIdOf, SLOT, slotValues, STATUS, type DocumentEntry } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { readStoredManifest } from '../../common/stored-manifest.ts';
import { registryResponseOf, submissionOf } from '../../common/xds-messages.ts';
import { GW } from '../ids.ts';
import { finding, need, type PlanState } from '../state.ts';
import { TagKey } from '../../../../protocols/dicom/tags.generated.ts';

export const WAIT_MS = 120_000;
const ACCESSION_REF = `${GW.accession}^^^&${GW.accessionOid}&ISO^urn:ihe:iti:xds:2013:accession`;

function entryOf(ex: Exchange): DocumentEntry | undefined {
  const r = submissionOf(ex);
  return typeof r === 'string' ? undefined : r.objects.documentEntries[0];
}

const refersTo = (e: DocumentEntry | undefined, studyUid: string) =>
  !!e && slotValues(e, SLOT.referenceIdList).some((v) => v.startsWith(`${studyUid}^`));

export function receiveManifest(state: PlanState, waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'receive-manifest',
    title: 'After the final report the gateway publishes the study manifest by RAD-68',
    verifies: ['GW-001', 'RIS-009'],
    async run(ctx) {
      const seeded = need(state.seeded, 'the seeded study');
      const ex = await ctx.waitFor({
        transaction: 'RAD-68',
        simulator: 'xds',
        timeoutMs: waitMs,
        instructions: `let the gateway publish the manifest of study ${seeded.studyUid} to ${ctx.simulators.xds?.url ?? ''}/xds/repository`,
        match: (e) => {
          const d = entryOf(e);
          return d?.mimeType === 'application/dicom' && refersTo(d, seeded.studyUid);
        },
      });
      const art = `RAD-68 ${ex.id}`;
      const entry = entryOf(ex)!;
      const res = registryResponseOf(ex);
      const out: Finding[] = [];
      if (typeof res !== 'string' && res.status !== STATUS.success)
        out.push(
          finding(
            'gw.publish.accepted',
            ['GW-001'],
            art,
            'RegistryResponse/@status',
            `our registry refused the manifest: ${res.errors.map((e) => `${e.errorCode}: ${e.codeContext}`).join('; ')}`,
            ex.id,
          ),
        );
      const refs = slotValues(entry, SLOT.referenceIdList);
      if (!refs.includes(ACCESSION_REF))
        out.push(
          finding(
            'gw.publish.accession',
            ['GW-001'],
            art,
            `rim:Slot[@name='${SLOT.referenceIdList}']`,
            `the report's accession ${ACCESSION_REF} is not in referenceIdList [${refs.join(', ')}]`,
            ex.id,
          ),
        );
      const uid = externalIdOf(entry, DE.uniqueId)?.value;
      if (!uid)
        return ctx.fromFindings([
          ...out,
          finding('gw.publish.unique-id', ['GW-001'], art, 'XDSDocumentEntry.uniqueId', 'no uniqueId', ex.id),
        ]);
      const { artefact, read } = await readStoredManifest(ctx, uid, () => `our repository returned no document ${uid}`);
      state.manifest = { exchange: ex, entry, artefact, ...(read.facts ? { facts: read.facts } : {}) };
      if (!read.facts) out.push(finding('gw.publish.kos', ['GW-001'], artefact, '', 'the published manifest is not a readable KOS', ex.id));
      else if (read.facts.accessionNumber !== GW.accession)
        out.push(
          finding(
            'gw.publish.kos-accession',
            ['GW-001'],
            artefact,
            TagKey.AccessionNumber,
            `Accession Number ${read.facts.accessionNumber ?? '(none)'} is not the report's ${GW.accession}`,
            ex.id,
          ),
        );
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}

export function manifestContent(state: PlanState): StepDef {
  return defineStep({
    id: 'manifest-content',
    title: 'The manifest lists every series and instance of the PACS study, under the national patient ID',
    verifies: ['GW-003', 'GW-010'],
    run(ctx) {
      const seeded = need(state.seeded, 'the seeded study');
      const m = need(state.manifest, 'the published manifest');
      if (!m.facts) return { state: 'skip', message: 'the manifest could not be read' };
      const f = m.facts;
      const out: Finding[] = [];
      const listed = new Map(f.series.map((s) => [s.seriesInstanceUid, new Set(s.instances.map((i) => i.sopInstanceUid))]));
      for (const [series, instances] of seeded.series) {
        const got = listed.get(series);
        if (!got)
          out.push(
            finding(
              'gw.manifest.series',
              ['GW-003'],
              m.artefact,
              `${TagKey.CurrentRequestedProcedureEvidenceSequence}[0]>${TagKey.ReferencedSeriesSequence}`,
              `series ${series} of the PACS study is not in the manifest`,
            ),
          );
        else
          for (const i of instances)
            if (!got.has(i))
              out.push(
                finding(
                  'gw.manifest.instance',
                  ['GW-003'],
                  m.artefact,
                  `${TagKey.ReferencedSeriesSequence}[${series}]>${TagKey.ReferencedSOPSequence}`,
                  `instance ${i} of the PACS study is not in the manifest`,
                ),
              );
      }
      if (f.patient.id !== GW.nationalId || f.patient.issuerOid !== GW.nationalOid)
        out.push(
          finding(
            'gw.manifest.national-id',
            ['GW-010'],
            m.artefact,
            TagKey.PatientID,
            `Patient ID is ${f.patient.id} (issuer ${f.patient.issuerOid ?? 'none'}), not the national ID ${GW.nationalId} (${GW.nationalOid})`,
          ),
        );
      if (!f.otherPatientIds.some((p) => p.id === GW.localId))
        out.push(
          finding(
            'gw.manifest.local-id',
            ['GW-010'],
            m.artefact,
            TagKey.OtherPatientIDsSequence,
            `the PACS's local ID ${GW.localId} is not kept in Other Patient IDs`,
          ),
        );
      return ctx.fromFindings(out);
    },
  });
}

export function receiveReport(state: PlanState, waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'receive-report',
    title: 'The gateway publishes the report, linked to the study and its accession',
    verifies: ['LINK-002', 'LINK-003'],
    async run(ctx) {
      const seeded = need(state.seeded, 'the seeded study');
      const ex = await ctx.waitFor({
        transaction: 'ITI-41',
        simulator: 'xds',
        timeoutMs: waitMs,
        instructions: `let the gateway publish the report of study ${seeded.studyUid} by ITI-41`,
        match: (e) => {
          const d = entryOf(e);
          return !!d && d.mimeType !== 'application/dicom' && externalIdOf(d, DE.patientId)?.value === GW.nationalCx;
        },
      });
      const art = `ITI-41 ${ex.id}`;
      state.publishedReport = { exchange: ex, entry: entryOf(ex)! };
      const refs = slotValues(entryOf(ex)!, SLOT.referenceIdList);
      const out: Finding[] = [];
      if (!refs.some((v) => v.startsWith(`${seeded.studyUid}^`)))
        out.push(
          finding(
            'gw.report.study-ref',
            ['LINK-002'],
            art,
            `rim:Slot[@name='${SLOT.referenceIdList}']`,
            `the report does not list study ${seeded.studyUid}`,
            ex.id,
          ),
        );
      if (!refs.includes(ACCESSION_REF))
        out.push(
          finding(
            'gw.report.accession-ref',
            ['LINK-003'],
            art,
            `rim:Slot[@name='${SLOT.referenceIdList}']`,
            `the report does not list accession ${ACCESSION_REF}`,
            ex.id,
          ),
        );
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}
