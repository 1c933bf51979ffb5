import { valueAt } from '../../../protocols/hl7v2/message.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { forKinds, type Hl7View } from '../view.ts';

export const txaRequired: Rule<Hl7View> = {
  id: 'hl7.mdm.txa',
  reqIds: ['RIS-005'],
  severity: 'error',
  // TXA-17 is hl7.report.result-status' business.
  title: 'MDM TXA has document type (TXA-2) and unique document number (TXA-12)',
  check(view) {
    return forKinds(view, ['report'], (m) => {
      if (!m.segments.some((s) => s.name === 'TXA')) return [];
      const hits: RuleHit[] = [];
      const parts: [string, string][] = [
        ['TXA-2', 'document type'],
        ['TXA-12.1', 'unique document number'],
      ];
      for (const [path, name] of parts) if (!valueAt(m, path)) hits.push({ path, message: `${path} (${name}) is empty` });
      return hits;
    });
  },
};
