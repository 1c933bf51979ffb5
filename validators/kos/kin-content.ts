// What a KIN says: its title, description and the instances its content tree flags.
import { codeOf, titleOf, type Code, type KosView } from './view.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export interface KinContent {
  uid: string | undefined;
  title: Code;
  description: string | undefined;
  /** SOP Instance UIDs referenced by the content tree. */
  flagged: string[];
}

export function kinContent(v: KosView): KinContent {
  let description: string | undefined;
  const flagged: string[] = [];
  for (const item of v.d.items(v.root, Tag.ContentSequence)) {
    const c = codeOf(v, v.d.items(item, Tag.ConceptNameCodeSequence)[0]);
    if (c.value === '113012' && c.scheme === 'DCM' && description === undefined) {
      const el = v.d.el(item, Tag.TextValue);
      description = el ? (v.d.str(item, Tag.TextValue) ?? '') : undefined;
    }
    for (const ref of v.d.items(item, Tag.ReferencedSOPSequence)) {
      const uid = v.d.str(ref, Tag.ReferencedSOPInstanceUID);
      if (uid) flagged.push(uid);
    }
  }
  return { uid: v.d.str(v.root, Tag.SOPInstanceUID), title: titleOf(v), description, flagged };
}
