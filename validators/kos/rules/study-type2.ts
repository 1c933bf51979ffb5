import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

const TYPE2: [number, string, string][] = [
  [Tag.StudyDate, TagKey.StudyDate, 'StudyDate'],
  [Tag.StudyTime, TagKey.StudyTime, 'StudyTime'],
  [Tag.ReferringPhysicianName, TagKey.ReferringPhysicianName, 'ReferringPhysicianName'],
  [Tag.StudyID, TagKey.StudyID, 'StudyID'],
  [Tag.AccessionNumber, TagKey.AccessionNumber, 'AccessionNumber'],
  [Tag.Manufacturer, TagKey.Manufacturer, 'Manufacturer'],
];

export const studyType2: Rule<KosView> = {
  id: 'kos.study.type2',
  reqIds: ['KOS-036'],
  severity: 'error',
  title: 'General Study and General Equipment type 2 attributes are present',
  check(v) {
    return TYPE2.filter(([tag]) => !v.d.has(v.root, tag)).map(([, path, name]) => ({
      path,
      message: `${name} is absent (type 2: present, may be empty)`,
    }));
  },
};
