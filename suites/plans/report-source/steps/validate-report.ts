// The report's content by the hl7v2 message rules: MSH, PID-3 with authorities, OBR numbers,
// accession with issuer, Study Instance UID, result status, character set (RIS-002..011).
import { validateHl7 } from '../../../../validators/hl7v2/validate.ts';
import { hl7CtxOf } from '../../../../validators/hl7v2/view.ts';
import { accessionOfProfile } from '../../../profiles/profile.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { needReport, type PlanState } from '../state.ts';

export function validateReport(state: PlanState): StepDef {
  return defineStep({
    id: 'content',
    title: 'The report passes the HL7 v2 message rules',
    verifies: ['RIS-002', 'RIS-004', 'RIS-005', 'RIS-006', 'RIS-007', 'RIS-008', 'RIS-011'],
    run(ctx) {
      const r = needReport(state);
      return ctx.fromFindings(validateHl7(r.bytes, `HL7 ${r.exchange.id}`, hl7CtxOf(accessionOfProfile(ctx.sut)), 'wire'), [r.exchange.id]);
    },
  });
}
