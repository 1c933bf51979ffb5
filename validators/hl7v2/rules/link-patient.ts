import type { Rule } from '../../rule.ts';
import { patientIds } from '../datatypes.ts';
import { forKinds, type Hl7Ctx, type Hl7View } from '../view.ts';

export const linkPatient: Rule<Hl7View, Hl7Ctx> = {
  id: 'link.patient',
  reqIds: ['LINK-009'],
  severity: 'error',
  title: "The manifest's patient ID (with its issuer) is among the report's PID-3 identifiers",
  check(view, ctx) {
    const kos = ctx.manifest;
    if (!kos) return [];
    return forKinds(view, ['report', 'order'], (m) => {
      const want = kos.patient;
      const ids = patientIds(m);
      const match = ids.some(
        (c) =>
          c.id === want.id &&
          (want.issuerOid ? c.oid === want.issuerOid : !want.issuer || c.namespace === want.issuer || c.oid === want.issuer),
      );
      if (match) return [];
      const issuer = want.issuerOid ?? want.issuer ?? 'no issuer';
      return [
        {
          path: 'PID-3',
          message: `Manifest patient ${want.id} (${issuer}) is not among PID-3: ${ids.map((c) => `${c.id} (${c.oid || c.namespace})`).join(', ') || 'none'}`,
        },
      ];
    });
  },
};
