// IID-005: each study the report covers is reachable from its links (one link per study or one
// request listing all). A link by accessionNumber cannot be resolved to a study UID here, so a
// study left unmatched beside such a link is a warning, not an error.
import type { Rule } from '../../rule.ts';
import { parseIidUrl } from '../iid-url.ts';
import type { IidView } from '../view.ts';

export const iidLinkEachStudy: Rule<IidView, unknown> = {
  id: 'iid.link.each-study',
  reqIds: ['IID-005'],
  severity: 'error',
  title: 'Every study the report covers is reachable from its viewer links',
  check(view) {
    if (view.links.length === 0) return []; // no link at all is IID-001
    const parsed = view.links.map((l) => parseIidUrl(l.value));
    const reached = new Set(parsed.flatMap((u) => (u.ok ? u.studyUids : [])));
    const byAccession = parsed.some((u) => u.ok && u.studyUids.length === 0 && u.accessionNumbers.length > 0);
    const seen = new Set<string>();
    return view.studies
      .filter((s) => !reached.has(s.value) && !seen.has(s.value) && seen.add(s.value))
      .map((s) => ({
        path: s.path,
        message: `Study ${s.value} has no viewer link naming it (links name ${[...reached].join(', ') || 'no studyUID'})`,
        ...(byAccession ? { severity: 'warning' as const } : {}),
      }));
  },
};
