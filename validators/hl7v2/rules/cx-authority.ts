import type { Rule, RuleHit } from '../../rule.ts';
import { isOid, patientIds } from '../datatypes.ts';
import type { Hl7View } from '../view.ts';
import { shown } from '../shown.ts';

export const cxAuthority: Rule<Hl7View> = {
  id: 'hl7.datatype.cx',
  reqIds: ['RIS-004', 'RIS-008'],
  severity: 'error',
  title: 'Every PID-3 identifier has an ID, an assigning authority (OID of type ISO) and a type code',
  check(view) {
    const m = view.message;
    if (!m) return [];
    const ids = patientIds(m);
    if (ids.length === 0)
      return m.segments.some((s) => s.name === 'PID') ? [{ path: 'PID-3', message: 'PID-3 (patient identifier list) is empty' }] : [];
    const hits: RuleHit[] = [];
    ids.forEach((cx, i) => {
      const at = `PID-3[${i + 1}]`;
      if (!cx.id) hits.push({ path: `${at}.1`, message: `${at}.1 (ID number) is empty` });
      if (!cx.oid)
        hits.push({
          path: `${at}.4.2`,
          message: `${at}.4 assigning authority has no universal ID (OID); its namespace ID is ${shown(cx.namespace)}`,
        });
      else if (cx.oidType !== 'ISO' || !isOid(cx.oid))
        hits.push({
          path: `${at}.4`,
          message: `${at}.4 must be an OID with type ISO; found OID ${shown(cx.oid)} with type ${shown(cx.oidType)}`,
        });
      if (!cx.type) hits.push({ path: `${at}.5`, message: `${at}.5 (identifier type code, table 0203) is empty`, severity: 'warning' });
    });
    return hits;
  },
};
