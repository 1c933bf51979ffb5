// The finding IDs this plan's steps produce (checked unique and catalogue-backed by
// suites/plans/findings.test.ts).
import type { PlanFinding } from '../../engine/plan-module.ts';

export const FINDINGS: readonly PlanFinding[] = [
  { id: 'iid.anonymous.shown', reqIds: ['IID-006'], title: 'an IID request without credentials is refused and shows nothing of the study' },
  { id: 'iid.view.status', reqIds: ['IID-003'], title: 'an authorised IID request is answered 200 text/html' },
  { id: 'iid.view.study', reqIds: ['IID-003'], title: 'the page Chromium renders shows the requested study, not a sign-in or error page' },
  { id: 'iid.central.status', reqIds: ['IID-004'], title: 'the URL built from report metadata is answered 200 text/html' },
  {
    id: 'iid.central.study',
    reqIds: ['IID-004'],
    title: 'the page opened from the URL built from report metadata shows the study',
  },
];
