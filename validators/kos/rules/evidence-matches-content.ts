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
    // Instance UID -> slot in parallel arrays, in first-seen order (a repeated UID keeps its
    // slot and takes the later reference, as a Map of objects did): no object per reference.
    const slot = new Map<string | undefined, number>();
    const refs: DataSet[] = [];
    const classes: (string | undefined)[] = [];
    const items = v.d.items(v.root, Tag.ContentSequence);
    for (let i = 0; i < items.length; i++) {
      const ref = v.d.items(items[i]!, Tag.ReferencedSOPSequence)[0];
      if (!ref) continue;
      const uid = v.d.str(ref, Tag.ReferencedSOPInstanceUID);
      const cls = v.d.str(ref, Tag.ReferencedSOPClassUID);
      const k = slot.get(uid);
      if (k === undefined) {
        slot.set(uid, refs.length);
        refs.push(ref);
        classes.push(cls);
      } else {
        refs[k] = ref;
        classes[k] = cls;
      }
    }
    const seen = new Uint8Array(refs.length);
    const evidence = evidenceInstances(v);
    for (let i = 0; i < evidence.length; i++) {
      const item = evidence[i]!.item;
      const uid = v.d.str(item, Tag.ReferencedSOPInstanceUID);
      const cls = v.d.str(item, Tag.ReferencedSOPClassUID);
      const k = slot.get(uid);
      if (k !== undefined && classes[k] === cls) {
        seen[k] = 1;
        continue;
      }
      hits.push({
        path: at(item, Tag.ReferencedSOPInstanceUID),
        message: `instance ${uid} (class ${cls}) is in the evidence but no content item references it${k !== undefined ? ` with that class (content says ${classes[k]})` : ''}`,
      });
    }
    for (let k = 0; k < refs.length; k++) {
      if (!seen[k])
        hits.push({
          path: at(refs[k]!, Tag.ReferencedSOPInstanceUID),
          message: `instance ${v.d.str(refs[k]!, Tag.ReferencedSOPInstanceUID)} (class ${classes[k]}) is referenced by the content tree but missing from CurrentRequestedProcedureEvidenceSequence`,
        });
    }
    return hits;
  },
};
