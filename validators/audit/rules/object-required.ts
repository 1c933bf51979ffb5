import type { Rule, RuleHit } from '../../rule.ts';
import { OBJECTS, tableOf, type ObjectKind } from '../transactions.ts';
import { sameCode, showCode, type AuditCtx, type AuditObject, type AuditView } from '../view.ts';

/** Does this participant object describe a `kind` for the transaction? */
export function isObjectOf(o: AuditObject, kind: ObjectKind, transaction: string): boolean {
  const spec = OBJECTS[kind];
  const idType = spec.idType ?? { code: transaction, codeSystemName: 'IHE Transactions' };
  return o.typeCode === spec.typeCode && o.typeCodeRole === spec.typeCodeRole && sameCode(o.idTypeCode, idType);
}

export const objectsRequired: Rule<AuditView, AuditCtx> = {
  id: 'audit.object.required',
  reqIds: ['SEC-003'],
  severity: 'error',
  title: "The participant objects the transaction's audit table requires are present (patient, submission set, document, study, query)",
  check(view, ctx) {
    const table = tableOf(view, ctx);
    if (!table) return [];
    const { spec } = table;
    const hits: RuleHit[] = [];
    for (const kind of spec.required) {
      if (view.objects.some((o) => isObjectOf(o, kind, spec.transaction))) continue;
      const o = OBJECTS[kind];
      const idType = o.idType ?? { code: spec.transaction, codeSystemName: 'IHE Transactions' };
      hits.push({
        path: '/AuditMessage/ParticipantObjectIdentification',
        message: `${spec.transaction}: a ${o.label} participant object is required (ParticipantObjectTypeCode ${o.typeCode}, TypeCodeRole ${o.typeCodeRole}, IDTypeCode ${showCode(idType)}); found ${view.objects.length ? view.objects.map((x) => `${x.typeCode ?? '?'}/${x.typeCodeRole ?? '?'}/${showCode(x.idTypeCode)}`).join('; ') : 'none'}`,
      });
    }
    if (spec.required.includes('query')) {
      const q = view.objects.find((o) => isObjectOf(o, 'query', spec.transaction));
      if (q && !q.query)
        hits.push({
          path: `${q.path}/ParticipantObjectQuery`,
          message: `${spec.transaction}: the query object must carry the query in ParticipantObjectQuery (base64)`,
        });
    }
    return hits;
  },
};
