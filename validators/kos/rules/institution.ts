import type { Rule } from '../../rule.ts';
import { isOid, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

/** The OID of an HL7 v2 XON value: component 10 when it is an OID and component 6 is empty, else 6's universal ID. */
export function xonOid(xon: string): string | undefined {
  const c = xon.split('^');
  const c6 = c[5] ?? '';
  const c10 = c[9] ?? '';
  if (c6 === '' && isOid(c10)) return c10;
  const uid = c6.split('&')[1];
  return isOid(uid) ? uid : undefined;
}

export const institution: Rule<KosView> = {
  id: 'kos.equipment.institution',
  reqIds: ['KOS-044'],
  severity: 'error',
  title: 'Institution Name identifies the creating institution, in XON form with its OID',
  check(v) {
    const name = v.d.str(v.root, Tag.InstitutionName);
    if (name === undefined) return [{ path: TagKey.InstitutionName, message: 'InstitutionName is absent or empty' }];
    if (!name.includes('^') || xonOid(name) === undefined) {
      return [
        {
          path: TagKey.InstitutionName,
          severity: 'warning',
          message: `InstitutionName '${name}' is not in XON form with an OID (e.g. 'Hospital A^^^^^&2.999.1.20&ISO^^^^HA01')`,
        },
      ];
    }
    return [];
  },
};
