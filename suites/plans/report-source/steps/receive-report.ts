// Waits for the SUT's first HL7 message at our RIS receiver: it must be a report (ORU^R01 or
// MDM^T02) in a well-formed MLLP frame (RIS-001). A framing error is the answer too: it fails
// at once instead of waiting out the timeout.
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { HL7 } from '../simulators.ts';
import { bodyOf, reportStudy, studyInstructions, type PlanState } from '../state.ts';

export const WAIT_MS = 120_000;
const REPORT = /^MSH\|.*?\|(ORU\^R01|MDM\^T02)\b/;

export function receiveReport(state: PlanState, waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'receive',
    title: 'The SUT sends a report (ORU^R01 or MDM^T02) in an MLLP frame',
    verifies: ['RIS-001'],
    async run(ctx) {
      const ris = ctx.simulators.ris?.url ?? '(no ris simulator)';
      const ex = await ctx.waitFor({
        transaction: HL7,
        simulator: 'ris',
        timeoutMs: waitMs,
        instructions: `send the final report (ORU^R01 or MDM^T02) of the study of ${studyInstructions(reportStudy())} over MLLP to ${ris}${
          ctx.sut.options.includes('SSV1') ? ', with an IHE IID viewer link (OBX RP) for each study it covers' : ''
        }`,
        // Other traffic (an ADT, a query) is not this test's business; framing errors are.
        match: (e) => e.error !== undefined || REPORT.test(e.request.summary ?? ''),
      });
      const bytes = bodyOf(ex);
      if (ex.error !== undefined || !bytes) {
        return ctx.fromFindings([
          {
            ruleId: 'ris.plan.framing',
            reqIds: ['RIS-001'],
            severity: 'error',
            message: `the message did not arrive in a well-formed MLLP frame: ${ex.error ?? 'no body recorded'}`,
            location: { artefact: `HL7 ${ex.id}`, path: 'MLLP' },
            evidence: [ex.id],
          },
        ]);
      }
      state.report = { exchange: ex, bytes };
      return { state: 'pass', message: ex.request.summary?.split('|')[8] ?? 'report received' };
    },
  });
}
