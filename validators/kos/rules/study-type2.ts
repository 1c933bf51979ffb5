import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

const TYPE2: [number, string, string][] = [
  [0x00080020, '(0008,0020)', 'StudyDate'],
  [0x00080030, '(0008,0030)', 'StudyTime'],
  [0x00080090, '(0008,0090)', 'ReferringPhysicianName'],
  [0x00200010, '(0020,0010)', 'StudyID'],
  [0x00080050, '(0008,0050)', 'AccessionNumber'],
  [0x00080070, '(0008,0070)', 'Manufacturer'],
];

export const studyType2: Rule<KosView> = {
  id: 'kos.study.type2',
  reqIds: ['KOS-036'],
  severity: 'error',
  title: 'General Study and General Equipment type 2 attributes are present',
  check(v) {
    return TYPE2.filter(([tag]) => !v.d.has(v.root, tag)).map(([, path, name]) => ({ path, message: `${name} is absent (type 2: present, may be empty)` }));
  },
};
