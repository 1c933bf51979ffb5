// The MCWG significant-image back-references of a manifest: Related Series Sequence
// (0008,1250) items inside Referenced SOP items, each naming a KIN and why it flags the image.
import type { DataSet } from '../../protocols/dicom/data-set.ts';
import { codeOf, evidenceInstances, type Code, type KosView } from './view.ts';

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
  for (const { item } of evidenceInstances(v)) {
    for (const related of v.d.items(item, 0x00081250)) {
      const refs = v.d.items(related, 0x00081199);
      const base = { image: item, imageUid: v.d.str(item, 0x00081155), related, kinSeriesUid: v.d.str(related, 0x0020000e) };
      if (refs.length === 0) out.push({ ...base, ref: undefined, kinUid: undefined, purpose: {} });
      for (const ref of refs) out.push({ ...base, ref, kinUid: v.d.str(ref, 0x00081155), purpose: codeOf(v, v.d.items(ref, 0x0040a170)[0]) });
    }
  }
  return out;
}
