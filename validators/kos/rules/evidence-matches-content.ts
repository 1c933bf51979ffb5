import type { DataSet } from '../../../protocols/dicom/data-set.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { at, evidenceInstances, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

// The content tree and the evidence must list the same (class, instance) pairs.
export const evidenceMatchesContent: Rule<KosView> = {
  id: 'kos.evidence.matches-content',
  reqIds: ['KOS-014'],
  severity: 'error',
  title: 'Evidence and content tree reference the same instances',
  check(v) {
    const hits: RuleHit[] = [];
    // Keyed by instance UID; the class is compared on a match (no composite key strings).
    const content = new Map<string | undefined, { ref: DataSet; cls: string | undefined; seen: boolean }>();
    for (const item of v.d.items(v.root, Tag.ContentSequence)) {
      const ref = v.d.items(item, Tag.ReferencedSOPSequence)[0];
      if (ref) content.set(v.d.str(ref, Tag.ReferencedSOPInstanceUID), { ref, cls: v.d.str(ref, Tag.ReferencedSOPClassUID), seen: false });
    }
    for (const { item } of evidenceInstances(v)) {
      const uid = v.d.str(item, Tag.ReferencedSOPInstanceUID);
      const cls = v.d.str(item, Tag.ReferencedSOPClassUID);
      const c = content.get(uid);
      if (c && c.cls === cls) {
        c.seen = true;
        continue;
      }
      hits.push({
        path: at(item, Tag.ReferencedSOPInstanceUID),
        message: `instance ${uid} (class ${cls}) is in the evidence but no content item references it${c ? ` with that class (content says ${c.cls})` : ''}`,
      });
    }
    for (const [uid, c] of content) {
      if (!c.seen)
        hits.push({
          path: at(c.ref, Tag.ReferencedSOPInstanceUID),
          message: `instance ${uid} (class ${c.cls}) is referenced by the content tree but missing from CurrentRequestedProcedureEvidenceSequence`,
        });
    }
    return hits;
  },
};
