import type { Rule, RuleHit } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const patientDemographics: Rule<KosView> = {
  id: 'kos.patient.demographics',
  reqIds: ['KOS-034'],
  severity: 'error',
  title: "Patient's Name, Birth Date and Sex are present; Sex is M, F or O",
  check(v) {
    const hits: RuleHit[] = [];
    for (const [tag, name] of [
      [Tag.PatientName, 'PatientName'],
      [Tag.PatientBirthDate, 'PatientBirthDate'],
      [Tag.PatientSex, 'PatientSex'],
    ] as const) {
      if (!v.d.has(v.root, tag))
        hits.push({
          path: `(0010,${(tag & 0xffff).toString(16).toUpperCase().padStart(4, '0')})`,
          message: `${name} is absent (type 2: present, may be empty)`,
        });
    }
    const sex = v.d.str(v.root, Tag.PatientSex);
    if (sex !== undefined && !['M', 'F', 'O'].includes(sex))
      hits.push({ path: TagKey.PatientSex, message: `PatientSex must be M, F or O; found '${sex}'` });
    return hits;
  },
};
