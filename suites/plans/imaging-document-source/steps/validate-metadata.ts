// The submitted SubmissionSet and KOS DocumentEntry against the XDS, XDS-I.b and MCWG
// metadata rules (validators/metadata).
import { loadValueSets } from '../../../../validators/catalogue/value-sets.ts';
import { runMetadataRules } from '../../../../validators/metadata/validate-ebrim.ts';
import { viewOf } from '../../../../validators/metadata/view.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { needPublished, type PlanState } from '../state.ts';

export const METADATA_REQS = [
  'XDS-012',
  'XDS-013',
  'META-001',
  'META-002',
  'META-004',
  'META-007',
  'META-008',
  'META-009',
  'META-010',
  'META-011',
  'META-012',
  'META-013',
  'META-014',
  'META-015',
  'META-016',
  'META-017',
  'META-019',
  // xdsi.event.modality (META-005), mcwg.title.summary (META-021, warning), xdsi.reference-id.* (LINK-008).
  'META-005',
  'META-021',
  'LINK-008',
];

export function validateMetadata(state: PlanState): StepDef {
  return defineStep({
    id: 'metadata',
    title: 'SubmissionSet and DocumentEntry follow XDS-I.b and MCWG',
    verifies: METADATA_REQS,
    async run(ctx) {
      const p = needPublished(state);
      const { request } = p;
      const view = viewOf(request.objects, { role: 'submission', ...(request.documents ? { documents: request.documents } : {}) });
      const findings = runMetadataRules(view, `RAD-68 ${p.exchange.id}`, { valueSets: loadValueSets() }).map((f) => ({
        ...f,
        evidence: [p.exchange.id],
      }));
      return ctx.fromFindings(findings, [p.exchange.id]);
    },
  });
}
