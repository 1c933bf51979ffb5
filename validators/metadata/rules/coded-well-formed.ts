// Every coded classification has a code, one codingScheme and a display name (ITI TF-3 4.2.3.1.2).
import { codingSchemeOf, slotOf } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

const NOT_CODED = new Set(['urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d', 'urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d']);

export const codedWellFormed: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.coded.well-formed',
  reqIds: ['XDS-007'],
  severity: 'error',
  title: 'Coded classifications carry code, codingScheme and display',
  check(view) {
    const hits: RuleHit[] = [];
    const { documentEntries, submissionSets, folders } = view.objects;
    for (const o of [...documentEntries, ...submissionSets, ...folders]) {
      for (const c of o.classifications) {
        if (!c.scheme || NOT_CODED.has(c.scheme)) continue;
        if (!c.nodeRepresentation)
          hits.push({ path: c.path, message: `${o.id}: classification ${c.scheme} has no code (nodeRepresentation)` });
        const cs = slotOf(c, 'codingScheme');
        if (!codingSchemeOf(c) || (cs && cs.values.length !== 1))
          hits.push({
            path: cs?.path ?? c.path,
            message: `${o.id}: code ${c.nodeRepresentation ?? ''} needs exactly one codingScheme value`,
          });
        // MHD Coding.display is optional in FHIR, so only ebRIM requires the Name.
        if (view.origin === 'ebrim' && !c.name?.value)
          hits.push({
            path: c.path,
            message: `${o.id}: code ${c.nodeRepresentation ?? ''} has no display name (rim:Name)`,
            severity: 'warning',
          });
      }
    }
    return hits;
  },
};
