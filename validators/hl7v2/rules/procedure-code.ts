import { valueAt } from '../../../protocols/hl7v2/message.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { forKinds, type Hl7View } from '../view.ts';

export const procedureCode: Rule<Hl7View> = {
  id: 'hl7.report.procedure-code',
  reqIds: ['RIS-004', 'RIS-008'],
  severity: 'error',
  title: 'OBR-4 (CWE) has a procedure code, its display name and its coding system',
  check(view) {
    return forKinds(view, ['report', 'order'], (m) => {
      if (!m.segments.some((s) => s.name === 'OBR')) return [];
      const hits: RuleHit[] = [];
      const parts: [string, string][] = [
        ['OBR-4.1', 'identifier'],
        ['OBR-4.2', 'text'],
        ['OBR-4.3', 'name of coding system'],
      ];
      for (const [path, name] of parts)
        if (!valueAt(m, path)) hits.push({ path, message: `${path} (universal service identifier ${name}) is empty` });
      return hits;
    });
  },
};
