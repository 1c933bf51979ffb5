// The MCWG significant-image back-references of a manifest: Related Series Sequence
// (0008,1250) items inside Referenced SOP items, each naming a KIN and why it flags the image.
import type { DataSet } from '../../protocols/dicom/data-set.ts';
import { codeOf, evidenceInstances, type Code, type KosView } from './view.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export interface BackReference {
  /** The flagged instance's Referenced SOP item. */
  image: DataSet;
  imageUid: string | undefined;
  related: DataSet;
  /** The KIN's Referenced SOP item, undefined when the related item has none. */
  ref: DataSet | undefined;
  kinSeriesUid: string | undefined;
  kinUid: string | undefined;
  purpose: Code;
}

/** The back-references of a manifest, built once per view (four rules read them). */
export function backReferences(v: KosView): BackReference[] {
  v.memo.backReferences ??= collect(v);
  return v.memo.backReferences as BackReference[];
}

function collect(v: KosView): BackReference[] {
  const out: BackReference[] = [];
  // Index loops: this runs once per reference, cold, where for-of allocates per step.
  const evidence = evidenceInstances(v);
  for (let i = 0; i < evidence.length; i++) {
    const item = evidence[i]!.item;
    const relatedItems = v.d.items(item, Tag.RelatedSeriesSequence);
    for (let j = 0; j < relatedItems.length; j++) {
      const related = relatedItems[j]!;
      const refs = v.d.items(related, Tag.ReferencedSOPSequence);
      const base = {
        image: item,
        imageUid: v.d.str(item, Tag.ReferencedSOPInstanceUID),
        related,
        kinSeriesUid: v.d.str(related, Tag.SeriesInstanceUID),
      };
      if (refs.length === 0) out.push({ ...base, ref: undefined, kinUid: undefined, purpose: {} });
      for (const ref of refs)
        out.push({
          ...base,
          ref,
          kinUid: v.d.str(ref, Tag.ReferencedSOPInstanceUID),
          purpose: codeOf(v, v.d.items(ref, Tag.PurposeOfReferenceCodeSequence)[0]),
        });
    }
  }
  return out;
}
