import type { Rule, RuleHit } from '../../rule.ts';
import type { AuditView } from '../view.ts';

export const objectIdentification: Rule<AuditView> = {
  id: 'audit.object.identification',
  reqIds: ['SEC-004'],
  severity: 'error',
  title: 'Each ParticipantObjectIdentification has an ID, an ID type code, and valid type and role codes',
  check(view) {
    const hits: RuleHit[] = [];
    for (const o of view.objects) {
      if (!o.id) hits.push({ path: `${o.path}/@ParticipantObjectID`, message: 'ParticipantObjectID is required and empty' });
      if (!o.idTypeCode?.code || !o.idTypeCode.codeSystemName)
        hits.push({
          path: `${o.path}/ParticipantObjectIDTypeCode`,
          message: 'ParticipantObjectIDTypeCode with csd-code and codeSystemName is required',
        });
      // RFC 3881 §5.5: type 1 person, 2 system object, 3 organization, 4 other; roles 1..24.
      if (o.typeCode !== undefined && !['1', '2', '3', '4'].includes(o.typeCode))
        hits.push({
          path: `${o.path}/@ParticipantObjectTypeCode`,
          message: `ParticipantObjectTypeCode must be 1..4; found ${JSON.stringify(o.typeCode)}`,
        });
      if (o.typeCodeRole !== undefined && !/^([1-9]|1\d|2[0-4])$/.test(o.typeCodeRole))
        hits.push({
          path: `${o.path}/@ParticipantObjectTypeCodeRole`,
          message: `ParticipantObjectTypeCodeRole must be 1..24; found ${JSON.stringify(o.typeCodeRole)}`,
        });
    }
    return hits;
  },
};
