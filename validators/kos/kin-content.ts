// What a KIN says: its title, description and the instances its content tree flags.
import { codeOf, titleOf, type Code, type KosView } from './view.ts';

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
  for (const item of v.d.items(v.root, 0x0040a730)) {
    const c = codeOf(v, v.d.items(item, 0x0040a043)[0]);
    if (c.value === '113012' && c.scheme === 'DCM' && description === undefined) {
      const el = v.d.el(item, 0x0040a160);
      description = el ? v.d.str(item, 0x0040a160) ?? '' : undefined;
    }
    for (const ref of v.d.items(item, 0x00081199)) {
      const uid = v.d.str(ref, 0x00081155);
      if (uid) flagged.push(uid);
    }
  }
  return { uid: v.d.str(v.root, 0x00080018), title: titleOf(v), description, flagged };
}
