import type { Rule, RuleHit } from '../../rule.ts';
import { at, type KosCtx, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

// MCWG: the full series-level WADO-RS URL, {base}/studies/{study}/series/{series}.
export const retrieveUrl: Rule<KosView, KosCtx> = {
  id: 'kos.retrieve.url',
  reqIds: ['KOS-022'],
  severity: 'error',
  title: 'Every referenced series has an https Retrieve URL ending in /studies/{study}/series/{series}',
  check(v, ctx) {
    const hits: RuleHit[] = [];
    for (const study of v.d.items(v.root, Tag.CurrentRequestedProcedureEvidenceSequence)) {
      const st = v.d.str(study, Tag.StudyInstanceUID) ?? '';
      for (const s of v.d.items(study, Tag.ReferencedSeriesSequence)) {
        const url = v.d.str(s, Tag.RetrieveURL);
        const path = at(s, Tag.RetrieveURL);
        if (url === undefined) {
          hits.push({ path, message: 'RetrieveURL is absent or empty (MCWG type 1: the series WADO-RS URL)' });
          continue;
        }
        let parsed: URL | undefined;
        try {
          parsed = new URL(url);
        } catch {
          parsed = undefined;
        }
        if (!parsed || parsed.protocol !== 'https:') {
          const local = parsed?.protocol === 'http:' && LOOPBACK.has(parsed.hostname) && ctx?.allowLoopbackHttp === true;
          hits.push({
            path,
            message: `RetrieveURL '${url}' is not an absolute https URL${local ? ' (plain http on loopback: accepted as a local test set-up)' : ''}`,
            ...(local ? { severity: 'warning' as const } : {}),
          });
          if (!local) continue;
        }
        const tail = `/studies/${st}/series/${v.d.str(s, Tag.SeriesInstanceUID) ?? ''}`;
        if (!url.replace(/\/+$/, '').endsWith(tail)) hits.push({ path, message: `RetrieveURL '${url}' must end with '${tail}'` });
      }
    }
    return hits;
  },
};
