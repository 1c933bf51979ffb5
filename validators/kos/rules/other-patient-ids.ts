import type { Rule, RuleHit } from '../../rule.ts';
import { at, issuerProblem, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const otherPatientIds: Rule<KosView> = {
  id: 'kos.patient.other-ids',
  reqIds: ['KOS-033'],
  severity: 'error',
  title: 'Other Patient IDs Sequence lists the known IDs, each with issuer OID and type TEXT',
  check(v) {
    const items = v.d.items(v.root, Tag.OtherPatientIDsSequence);
    if (items.length === 0)
      return [
        {
          path: TagKey.OtherPatientIDsSequence,
          message: 'OtherPatientIDsSequence is absent or empty; MCWG lists national, regional and local IDs there',
        },
      ];
    const hits: RuleHit[] = [];
    for (const item of items) {
      if (v.d.str(item, Tag.PatientID) === undefined)
        hits.push({ path: at(item, Tag.PatientID), message: 'PatientID is absent or empty in an Other Patient IDs item' });
      const type = v.d.str(item, Tag.TypeOfPatientID);
      if (type !== 'TEXT')
        hits.push({ path: at(item, Tag.TypeOfPatientID), message: `TypeOfPatientID must be TEXT; found ${type ?? 'nothing'}` });
      const p = issuerProblem(v, item, Tag.IssuerOfPatientIDQualifiersSequence, 'IssuerOfPatientIDQualifiersSequence');
      if (p) hits.push(p);
    }
    return hits;
  },
};
