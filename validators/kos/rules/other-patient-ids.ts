import type { Rule, RuleHit } from '../../rule.ts';
import { at, issuerProblem, type KosView } from '../view.ts';

export const otherPatientIds: Rule<KosView> = {
  id: 'kos.patient.other-ids',
  reqIds: ['KOS-033'],
  severity: 'error',
  title: 'Other Patient IDs Sequence lists the known IDs, each with issuer OID and type TEXT',
  check(v) {
    const items = v.d.items(v.root, 0x00101002);
    if (items.length === 0) return [{ path: '(0010,1002)', message: 'OtherPatientIDsSequence is absent or empty; MCWG lists national, regional and local IDs there' }];
    const hits: RuleHit[] = [];
    for (const item of items) {
      if (v.d.str(item, 0x00100020) === undefined) hits.push({ path: at(item, 0x00100020), message: 'PatientID is absent or empty in an Other Patient IDs item' });
      const type = v.d.str(item, 0x00100022);
      if (type !== 'TEXT') hits.push({ path: at(item, 0x00100022), message: `TypeOfPatientID must be TEXT; found ${type ?? 'nothing'}` });
      const p = issuerProblem(v, item, 0x00100024, 'IssuerOfPatientIDQualifiersSequence');
      if (p) hits.push(p);
    }
    return hits;
  },
};
