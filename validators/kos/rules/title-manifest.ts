import type { Rule } from '../../rule.ts';
import { MANIFEST_TITLE, showCode, titleOf, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const titleManifest: Rule<KosView> = {
  id: 'kos.title.manifest',
  reqIds: ['KOS-010'],
  severity: 'error',
  title: 'Document title is (113030, DCM, "Manifest")',
  check(v) {
    const items = v.d.items(v.root, Tag.ConceptNameCodeSequence);
    const t = titleOf(v);
    // Value + scheme only: CodeMeaning is display text and may be localised.
    if (items.length !== 1 || t.value !== MANIFEST_TITLE.value || t.scheme !== MANIFEST_TITLE.scheme) {
      return [
        {
          path: TagKey.ConceptNameCodeSequence,
          message: `Document title must be one item (113030, DCM); found ${items.length} item(s), ${showCode(t)}`,
        },
      ];
    }
    if (t.meaning !== 'Manifest')
      return [
        {
          path: `${TagKey.ConceptNameCodeSequence}[0]>${TagKey.CodeMeaning}`,
          severity: 'warning',
          message: `CodeMeaning of the title is '${t.meaning ?? ''}'; expected 'Manifest'`,
        },
      ];
    return [];
  },
};
