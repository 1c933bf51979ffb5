import type { DataSet } from '../../../protocols/dicom/data-set.ts';
import { childPath } from '../../../protocols/dicom/data-set.ts';
import { isDecodableCharset } from '../../../protocols/dicom/text.ts';
import { rawBytes } from '../../../protocols/dicom/values.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

const TEXT_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);
// PS3.3 C.12.1.1.2 Defined Terms (single-byte without extensions, with extensions, multi-byte).
const DEFINED =
  /^(ISO_IR (6|100|101|109|110|144|127|126|138|148|203|166|13|192)|ISO 2022 IR (6|100|101|109|110|144|127|126|138|148|203|166|13|87|159|149|58)|GB18030|GBK)$/;

export const charset: Rule<KosView> = {
  id: 'kos.charset',
  reqIds: ['KOS-045'],
  severity: 'error',
  title: 'Specific Character Set is a Defined Term and is present whenever text is not ASCII',
  check(v) {
    const hits: RuleHit[] = [];
    const terms = v.d.all(v.root, Tag.SpecificCharacterSet);
    terms.forEach((t, i) => {
      if (t === '' && i === 0) return;
      if (!DEFINED.test(t))
        hits.push({
          path: TagKey.SpecificCharacterSet,
          message: `SpecificCharacterSet value '${t}' is not a Defined Term (e.g. 'ISO_IR 100', 'ISO_IR 192'; note the underscore)`,
        });
    });
    const first = terms[0];
    if (first !== undefined && DEFINED.test(first) && terms.length === 1 && !isDecodableCharset(first)) {
      hits.push({
        path: TagKey.SpecificCharacterSet,
        message: `SpecificCharacterSet '${first}' names a repertoire this validator cannot decode`,
      });
    }
    if (terms.length === 0) {
      const where = firstNonAscii(v, v.root);
      if (where) hits.push({ path: where, message: 'text holds non-ASCII bytes but SpecificCharacterSet (0008,0005) is absent' });
    }
    return hits;
  },
};

function firstNonAscii(v: KosView, ds: DataSet): string | undefined {
  for (const el of ds.elements.values()) {
    if (el.items) {
      for (const it of el.items) {
        const w = firstNonAscii(v, it);
        if (w) return w;
      }
    } else if (TEXT_VRS.has(el.vr) && rawBytes(v.file, el).some((b) => b > 0x7f)) {
      return childPath(ds.path, el.tag);
    }
  }
  return undefined;
}
