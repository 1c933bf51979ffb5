import type { Rule, RuleHit } from '../../rule.ts';
import { eiIssuerProblem, readEi } from '../datatypes.ts';
import { rawAt } from '../report-ids.ts';
import { forKinds, type Hl7View } from '../view.ts';

export const orderNumbers: Rule<Hl7View> = {
  id: 'hl7.report.order-numbers',
  reqIds: ['RIS-004', 'RIS-008', 'LINK-004', 'LINK-008'],
  severity: 'error',
  title: 'OBR-2 placer and OBR-3 filler order numbers are EI with an assigning authority',
  check(view) {
    return forKinds(view, ['report', 'order'], (m) => {
      if (!m.segments.some((s) => s.name === 'OBR')) return [];
      const hits: RuleHit[] = [];
      for (const [path, name] of [
        ['OBR-2', 'placer order number'],
        ['OBR-3', 'filler order number'],
      ] as const) {
        const ei = readEi(m, rawAt(m, path));
        if (!ei.id) {
          hits.push({ path: `${path}.1`, message: `${path} (${name}) is empty` });
          continue;
        }
        const problem = eiIssuerProblem(ei);
        if (problem) hits.push({ path, message: `${path} (${name}) ${JSON.stringify(ei.id)} lacks its issuer: ${problem}` });
      }
      return hits;
    });
  },
};
