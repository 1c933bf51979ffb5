import type { Rule } from '../../rule.ts';
import { showCode, titleOf, type KosCtx, type KosView } from '../view.ts';
import { TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const kinTitle: Rule<KosView, KosCtx> = {
  id: 'kin.title.significance',
  reqIds: ['KIN-002'],
  severity: 'error',
  title: 'A key-image note has a significance title; general significance uses (113000, DCM, "Of Interest")',
  check(v, ctx) {
    const t = titleOf(v);
    const role = (ctx.valueSets.get('VS-KOS-TITLE')?.codes.find((c) => c.code === t.value) as { role?: string } | undefined)?.role;
    if (t.scheme !== 'DCM' || role === undefined || !role.startsWith('significance')) {
      return [
        {
          path: TagKey.ConceptNameCodeSequence,
          message: `a key-image note needs a significance title from CID 7010; found ${showCode(t)}${role ? ` (a ${role} title)` : ''}`,
        },
      ];
    }
    if (t.value !== '113000')
      return [
        {
          path: TagKey.ConceptNameCodeSequence,
          severity: 'info',
          message: `title ${showCode(t)}: general-purpose significance uses (113000, DCM, "Of Interest")`,
        },
      ];
    return [];
  },
};
