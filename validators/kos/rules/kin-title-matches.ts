import type { Rule, RuleHit } from '../../rule.ts';
import { backReferences } from '../back-references.ts';
import { at, evidenceInstances, showCode, type KosCtx, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

// Purpose of Reference equals the title of the KIN it names (KIN-006), and the manifest's
// description copy equals the KIN's Key Object Description (KIN-007).
export const kinTitleMatches: Rule<KosView, KosCtx> = {
  id: 'kos.kin.matches-kin',
  reqIds: ['KIN-006', 'KIN-007'],
  severity: 'error',
  title: "Back-reference purpose and description copy match the KIN's title and description",
  check(v, ctx) {
    const kins = ctx.study.kinsByUid();
    if (kins.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const r of backReferences(v)) {
      const kin = kins.get(r.kinUid);
      if (!kin || !r.ref || r.purpose.value === undefined) continue;
      if (r.purpose.value !== kin.title.value || r.purpose.scheme !== kin.title.scheme) {
        hits.push({
          path: `${at(r.ref, Tag.PurposeOfReferenceCodeSequence)}[0]`,
          reqIds: ['KIN-006'],
          message: `purpose ${showCode(r.purpose)} differs from the title ${showCode(kin.title)} of KIN ${kin.uid}`,
        });
      }
    }
    for (const { item } of evidenceInstances(v)) {
      const kin = kins.get(v.d.str(item, Tag.ReferencedSOPInstanceUID));
      if (!kin || kin.title.value !== '113000' || kin.description === undefined) continue;
      const copy = v.d.items(item, Tag.ContentSequence)[0];
      const text = copy ? (v.d.str(copy, Tag.TextValue) ?? '') : undefined;
      if (text === undefined)
        hits.push({
          path: at(item, Tag.ContentSequence),
          reqIds: ['KIN-007'],
          message: `no copy of the Key Object Description of KIN ${kin.uid}`,
        });
      else if (text !== kin.description)
        hits.push({
          path: `${at(item, Tag.ContentSequence)}[0]>${TagKey.TextValue}`,
          reqIds: ['KIN-007'],
          message: `description copy '${text}' differs from KIN ${kin.uid}: '${kin.description}'`,
        });
    }
    return hits;
  },
};
