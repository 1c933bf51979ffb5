// The manifest and its DocumentEntry tell the same story: patient, study, accession and
// order, modalities, dates, uniqueId (validators/consistency).
import { checkKosAgainstEntry } from '../../../../validators/consistency/rule-sets.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { needKos, needPublished, type PlanState } from '../state.ts';

export function checkConsistency(state: PlanState): StepDef {
  return defineStep({
    id: 'consistency',
    title: 'Manifest and DocumentEntry agree',
    // META-027 (sourcePatientInfo, warning) and LINK-005 (each manifest request listed) come from the same rules.
    verifies: ['META-018', 'META-020', 'META-027', 'META-040', 'META-041', 'META-042', 'META-043', 'META-044', 'LINK-005', 'LINK-010'],
    async run(ctx) {
      const p = needPublished(state);
      const kos = needKos(state);
      if (!kos.facts) return { state: 'skip', message: 'the manifest could not be read: nothing to compare' };
      const findings = checkKosAgainstEntry(kos.facts, p.entry, `RAD-68 ${p.exchange.id}`);
      return ctx.fromFindings(findings, [p.exchange.id, kos.artefact]);
    },
  });
}
