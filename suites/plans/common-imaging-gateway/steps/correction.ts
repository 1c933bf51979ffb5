// RIS-010: a corrected report replaces the one published. Our RIS sends the same report again
// with OBR-25 C (corrected) and a new text; the gateway must publish it by ITI-41 as a new
// document with an RPLC association to the report entry it published first, which our
// registry then holds Deprecated.
import type { Finding } from '../../../../model/finding.ts';
import { HL7_IDS } from '../../../../fixtures/builders/hl7-ids.ts';
import { oruR01 } from '../../../../fixtures/builders/hl7-messages.ts';
import { ASSOC, DE, externalIdOf, STATUS } from '../../../../protocols/ebrim/index.ts';
import { param, storedQuery } from '../../../../simulators/clients/xds-consumer.ts';
import { sendHl7 } from '../../../../simulators/ris/client.ts';
import { hl7Target } from './hl7-target.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { recorded } from '../../common/step-kit.ts';
import { submissionOf } from '../../common/xds-messages.ts';
import { GW } from '../ids.ts';
import { finding, need, type PlanState } from '../state.ts';

export const CORRECTION_CONTROL_ID = 'MCWGGW0002';
const CORRECTED_TEXT = 'Corrected report: small left lower lobe nodule, follow-up CT in 6 months.';

export function correctionReplaces(state: PlanState, waitMs: number): StepDef {
  return defineStep({
    id: 'correction',
    title: 'A corrected report (OBR-25 C) is published as a replacement (RPLC) of the first',
    verifies: ['RIS-010'],
    async run(ctx) {
      const seeded = need(state.seeded, 'the seeded study');
      const first = need(state.publishedReport, 'the published report');
      const firstUid = externalIdOf(first.entry, DE.uniqueId)?.value;
      if (!firstUid) throw new Error('the published report has no uniqueId: gw.publish-report reports that');
      const message = oruR01({ controlId: CORRECTION_CONTROL_ID, status: 'C', reportText: CORRECTED_TEXT }).replaceAll(
        HL7_IDS.studyUid,
        seeded.studyUid,
      );
      const sent = await sendHl7(hl7Target(ctx, 15_000), [message]);
      for (const e of sent.exchanges) await ctx.evidence.exchange(e);
      const ack = sent.acks[0];
      if (ack?.code !== 'AA')
        return ctx.fromFindings([
          finding(
            'gw.correction.ack',
            ['RIS-010'],
            `HL7 ${sent.exchanges[0]?.id ?? 'send'}`,
            'MSA-1',
            `the corrected report was answered ${ack ? `${ack.code} ${ack.errors.join('; ')}` : 'with no ACK'}`,
            sent.exchanges[0]?.id,
          ),
        ]);
      const ex = await ctx.waitFor({
        transaction: 'ITI-41',
        simulator: 'xds',
        timeoutMs: waitMs,
        instructions: `let the gateway publish the corrected report of study ${seeded.studyUid} by ITI-41`,
        match: (e) => {
          const r = submissionOf(e);
          const d = typeof r === 'string' ? undefined : r.objects.documentEntries[0];
          return !!d && d.mimeType !== 'application/dicom' && externalIdOf(d, DE.patientId)?.value === GW.nationalCx;
        },
      });
      const art = `ITI-41 ${ex.id}`;
      const sub = submissionOf(ex);
      if (typeof sub === 'string')
        return ctx.fromFindings([finding('gw.correction.rplc', ['RIS-010'], art, '', `unreadable submission: ${sub}`, ex.id)]);
      const entry = sub.objects.documentEntries[0]!;
      const prior = await recorded(ctx, (rec) =>
        storedQuery(`${ctx.simulators.xds!.url}/xds/registry`, QUERY.GetDocuments, [param('$XDSDocumentEntryUniqueId', firstUid)], rec),
      );
      const priorEntry = prior.response?.objects.documentEntries[0];
      const rplc = sub.objects.associations.filter((a) => a.type === ASSOC.rplc && a.source === entry.id);
      const out: Finding[] = [];
      if (!rplc.some((a) => a.target === priorEntry?.id))
        out.push(
          finding(
            'gw.correction.rplc',
            ['RIS-010'],
            art,
            'rim:Association',
            `the corrected report carries no RPLC association to the report it corrects (${priorEntry?.id ?? firstUid}); RPLC targets: [${rplc.map((a) => a.target).join(', ')}]`,
            ex.id,
          ),
        );
      else if (priorEntry?.status !== STATUS.deprecated)
        out.push(
          finding(
            'gw.correction.rplc',
            ['RIS-010'],
            art,
            'rim:Association',
            `our registry kept ${priorEntry?.id} ${priorEntry?.status ?? ''}, not Deprecated`,
            ex.id,
          ),
        );
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}
