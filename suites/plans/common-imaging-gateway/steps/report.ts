// Our RIS sends the final report (ORU^R01, OBR-25 F) of the seeded study to the gateway over
// MLLP; the gateway must acknowledge it AA with MSA-2 = our MSH-10 (RIS-001 framing, RIS-003).
import { HL7_IDS } from '../../../../fixtures/builders/hl7-ids.ts';
import { oruR01 } from '../../../../fixtures/builders/hl7-messages.ts';
import { sendHl7 } from '../../../../simulators/ris/client.ts';
import { hl7Target } from './hl7-target.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, need, type PlanState } from '../state.ts';

export const REPORT_CONTROL_ID = 'MCWGGW0001';

export function sendReport(state: PlanState): StepDef {
  return defineStep({
    id: 'send-report',
    title: 'Our RIS sends the final report; the gateway acknowledges it AA',
    verifies: ['RIS-001', 'RIS-003'],
    async run(ctx) {
      const seeded = need(state.seeded, 'the seeded study');
      const message = oruR01({ controlId: REPORT_CONTROL_ID, status: 'F' }).replaceAll(HL7_IDS.studyUid, seeded.studyUid);
      const sent = await sendHl7(hl7Target(ctx, 15_000), [message]);
      for (const ex of sent.exchanges) await ctx.evidence.exchange(ex);
      const ex = sent.exchanges[0];
      const art = `HL7 ${ex?.id ?? 'send'}`;
      const ack = sent.acks[0];
      if (!ack)
        return ctx.fromFindings([
          finding('gw.report.ack', ['RIS-001', 'RIS-003'], art, 'MSA', `no ACK: ${ex?.error ?? 'the gateway did not answer'}`, ex?.id),
        ]);
      if (ex) state.reportExchange = ex;
      const out = [];
      if (ack.code !== 'AA')
        out.push(
          finding(
            'gw.report.ack-code',
            ['RIS-003'],
            art,
            'MSA-1',
            `expected AA for a conformant final report; got ${ack.code} ${ack.errors.join('; ')}`,
            ex?.id,
          ),
        );
      if (ack.controlId !== REPORT_CONTROL_ID)
        out.push(
          finding(
            'gw.report.ack-control-id',
            ['RIS-003'],
            art,
            'MSA-2',
            `MSA-2 is ${ack.controlId}, not our MSH-10 ${REPORT_CONTROL_ID}`,
            ex?.id,
          ),
        );
      return ctx.fromFindings(out);
    },
  });
}
