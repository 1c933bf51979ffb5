import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const modalityKo: Rule<KosView> = {
  id: 'kos.series.modality-ko',
  reqIds: ['KOS-004'],
  severity: 'error',
  title: 'Modality of the KOS series is KO',
  check(v) {
    const m = v.d.str(v.root, 0x00080060);
    return m === 'KO' ? [] : [{ path: '(0008,0060)', message: `Modality must be KO; found ${m === undefined ? 'nothing' : `'${m}'`}` }];
  },
};
