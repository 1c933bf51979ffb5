import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const modalityKo: Rule<KosView> = {
  id: 'kos.series.modality-ko',
  reqIds: ['KOS-004'],
  severity: 'error',
  title: 'Modality of the KOS series is KO',
  check(v) {
    const m = v.d.str(v.root, Tag.Modality);
    return m === 'KO' ? [] : [{ path: TagKey.Modality, message: `Modality must be KO; found ${m === undefined ? 'nothing' : `'${m}'`}` }];
  },
};
