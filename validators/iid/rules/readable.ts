// A report that cannot be read is one finding: the link checks could not run on it.
import type { Rule } from '../../rule.ts';
import type { IidView } from '../view.ts';

export const iidReportReadable: Rule<IidView, unknown> = {
  id: 'iid.report.readable',
  reqIds: ['IID-001'],
  severity: 'error',
  title: 'The report can be read to look for viewer links',
  check(view) {
    return view.unreadable ? [{ path: view.unreadable.path, message: `Report could not be read: ${view.unreadable.value}` }] : [];
  },
};
