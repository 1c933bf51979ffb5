// IID-001: a report covering a study carries a viewer URL (the per-study count is IID-005).
import type { Rule } from '../../rule.ts';
import type { IidView } from '../view.ts';

export const iidLinkPresent: Rule<IidView, unknown> = {
  id: 'iid.link.present',
  reqIds: ['IID-001'],
  severity: 'error',
  title: 'A report covering a study carries a viewer URL',
  check(view) {
    if (view.unreadable || view.links.length > 0 || view.studies.length === 0) return [];
    return [
      { path: view.linkHome, message: `The report covers ${view.studies.map((s) => s.value).join(', ')} but carries no IID viewer URL` },
    ];
  },
};
