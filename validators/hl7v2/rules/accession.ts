import type { Rule } from '../../rule.ts';
import { isOid, readEi } from '../datatypes.ts';
import { rawAt } from '../report-ids.ts';
import { shown } from '../shown.ts';
import { accessionOf, forKinds, type Hl7Ctx, type Hl7View } from '../view.ts';

export const accessionWithIssuer: Rule<Hl7View, Hl7Ctx> = {
  id: 'hl7.report.accession',
  reqIds: ['RIS-006', 'LINK-003', 'LINK-008'],
  severity: 'error',
  title: "The accession number is in the deployment's field (OBR-18 by default), with its issuer where that field carries one",
  check(view, ctx) {
    const { field, encoding } = accessionOf(ctx);
    return forKinds(view, ['report', 'order'], (m) => {
      // A missing segment is hl7.structure.segments' finding, not a second one here.
      if (!m.segments.some((s) => s.name === field.slice(0, 3))) return [];
      const ei = readEi(m, rawAt(m, field));
      if (!ei.id) return [{ path: `${field}.1`, message: `${field} (accession number) is empty` }];
      // OBR-18 is ST in v2.5.1: it cannot carry EI components, so the issuer is the deployment's
      // agreed one there (LINK-003 compares it), not a requirement on the message.
      if (encoding === 'ST') return [];
      // In an EI field an accession is only unique with the OID of its issuer (LINK-008).
      if (!isOid(ei.universalId) || ei.universalIdType !== 'ISO') {
        return [
          {
            path: `${field}.3`,
            message: `${field} accession ${JSON.stringify(ei.id)} must carry its issuer OID in component 3 with type ISO in component 4; found component 3 ${shown(ei.universalId)} and component 4 ${shown(ei.universalIdType)}`,
          },
        ];
      }
      return [];
    });
  },
};
