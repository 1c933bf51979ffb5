// The report's linkage identifiers against the study it reports on: patient (with issuer),
// accession (with issuer), placer order and Study Instance UID (LINK-002/003/004/009). Only
// the link.* rules: the message rules are the content test's.
import { validateHl7 } from '../../../../validators/hl7v2/validate.ts';
import { hl7CtxOf } from '../../../../validators/hl7v2/view.ts';
import { accessionOfProfile } from '../../../profiles/profile.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { needReport, reportStudy, type PlanState } from '../state.ts';

export function checkLinkage(state: PlanState): StepDef {
  return defineStep({
    id: 'linkage',
    title: 'Patient, accession, order and study identifiers match the study manifest',
    verifies: ['LINK-002', 'LINK-003', 'LINK-004', 'LINK-009'],
    run(ctx) {
      const r = needReport(state);
      const findings = validateHl7(
        r.bytes,
        `HL7 ${r.exchange.id}`,
        { ...hl7CtxOf(accessionOfProfile(ctx.sut)), manifest: reportStudy() },
        'wire',
      ).filter((f) => f.ruleId.startsWith('link.'));
      return ctx.fromFindings(findings, [r.exchange.id]);
    },
  });
}
