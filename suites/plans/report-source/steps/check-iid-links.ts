// The report's viewer links (SSV1: the source hosts a server-side viewer): every study the report
// covers has an IHE IID link (IID-001), each link is a RAD-106 request (IID-002), a report of
// several studies reaches each of them (IID-005), and no link names a study the report does not
// cover (LINK-011). An HL7 report has no metadata entry of its own: the studies it names (ZDS,
// IPC, OBX 110180) are what the gateway copies into its referenceIdList, so they stand in for it.
import { validateIidLinksHl7 } from '../../../../validators/iid/validate.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { needReport, type PlanState } from '../state.ts';

export const IID_LINK_REQS = ['IID-001', 'IID-002', 'IID-005', 'LINK-011'];

export function checkIidLinksStep(state: PlanState): StepDef {
  return defineStep({
    id: 'iid-links',
    title: 'Each study the report covers has an IHE IID viewer link naming it, and only such studies',
    verifies: IID_LINK_REQS,
    run(ctx) {
      const r = needReport(state);
      return ctx.fromFindings(validateIidLinksHl7(r.bytes, `HL7 ${r.exchange.id}`), [r.exchange.id]);
    },
  });
}
