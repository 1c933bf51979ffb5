import type { Rule } from '../../rule.ts';
import { isOid, readEi } from '../datatypes.ts';
import { rawAt } from '../report-ids.ts';
import { forKinds, type Hl7View } from '../view.ts';

export const accessionWithIssuer: Rule<Hl7View, { accessionField: string }> = {
  id: 'hl7.report.accession',
  reqIds: ['RIS-006', 'LINK-003', 'LINK-008'],
  severity: 'error',
  title: 'The accession number (OBR-18 by default) carries its issuer OID',
  check(view, ctx) {
    return forKinds(view, ['report', 'order'], (m) => {
      const field = ctx.accessionField;
      // A missing segment is hl7.structure.segments' finding, not a second one here.
      if (!m.segments.some((s) => s.name === field.slice(0, 3))) return [];
      const ei = readEi(m, rawAt(m, field));
      if (!ei.id) return [{ path: `${field}.1`, message: `${field} (accession number) is empty` }];
      // An accession is only unique with the OID of its issuer (LINK-008).
      if (!isOid(ei.universalId) || ei.universalIdType !== 'ISO') return [{ path: `${field}.3`, message: `${field} accession ${JSON.stringify(ei.id)} must carry its issuer OID in component 3 with type ISO; found ${JSON.stringify(`${ei.universalId}^${ei.universalIdType}`)}` }];
      return [];
    });
  },
};
