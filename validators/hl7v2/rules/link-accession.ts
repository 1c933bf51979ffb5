import type { Rule, RuleHit } from '../../rule.ts';
import { reportIds } from '../report-ids.ts';
import { accessionOf, forKinds, type Hl7Ctx, type Hl7View } from '../view.ts';

export const linkAccession: Rule<Hl7View, Hl7Ctx> = {
  id: 'link.accession',
  reqIds: ['LINK-003'],
  severity: 'error',
  title: 'The report accession number and issuer equal the manifest (0008,0050) and its issuer',
  check(view, ctx) {
    const kos = ctx.manifest;
    if (!kos) return [];
    return forKinds(view, ['report', 'order'], (m) => {
      const setting = accessionOf(ctx);
      const acc = reportIds(m, setting.field, setting.issuerOid).accession;
      const path = setting.field;
      if (!acc?.id)
        return kos.accessionNumber
          ? [{ path, message: `Manifest accession ${kos.accessionNumber} but the report carries none in ${path}` }]
          : [];
      const hits: RuleHit[] = [];
      if (acc.id !== kos.accessionNumber)
        hits.push({
          path: `${path}.1`,
          message: `Report accession ${JSON.stringify(acc.id)} differs from manifest (0008,0050) ${JSON.stringify(kos.accessionNumber ?? '')}`,
        });
      // An ST field carries no issuer and none may be agreed: then only the number can be compared.
      else if (kos.accessionIssuerOid && acc.universalId && acc.universalId !== kos.accessionIssuerOid)
        hits.push({
          path: `${path}.3`,
          message: `Report accession issuer ${JSON.stringify(acc.universalId)} differs from manifest issuer ${kos.accessionIssuerOid}`,
        });
      else if (kos.accessionIssuerOid && !acc.universalId && setting.encoding === 'EI')
        hits.push({ path: `${path}.3`, message: `Report accession carries no issuer; the manifest's is ${kos.accessionIssuerOid}` });
      return hits;
    });
  },
};
