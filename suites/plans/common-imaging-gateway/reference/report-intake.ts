// What the gateway takes from a final report (ORU^R01) our RIS sent: patient IDs, accession
// with issuer, the Study Instance UID (ZDS-1) and the report text.
import type { Exchange } from '../../../../model/exchange.ts';
import { parseEr7 } from '../../../../protocols/hl7v2/er7-parser.ts';
import { component, messageType, repetitions, segmentsNamed, valueAt } from '../../../../protocols/hl7v2/message.ts';

export interface ReportFacts {
  controlId: string;
  national: { id: string; oid: string };
  local: { id: string; oid: string };
  accession: { id: string; oid: string };
  studyUid: string;
  text: string;
  final: boolean;
  /** OBR-25 C: a correction of a report already sent (RIS-010). */
  corrected: boolean;
}

export function reportOf(ex: Exchange): ReportFacts | undefined {
  const body = ex.request.body;
  if (body === undefined) return undefined;
  const r = parseEr7(body);
  if (!r.ok || messageType(r.message) !== 'ORU^R01') return undefined;
  const m = r.message;
  const pid = segmentsNamed(m, 'PID')[0];
  const ids = repetitions(m, pid, 3).map((rep) => ({ id: component(m, rep, 1), oid: component(m, rep, 4, 2), type: component(m, rep, 5) }));
  const national = ids.find((i) => i.type === 'NI');
  const local = ids.find((i) => i.type === 'PI');
  const studyUid = valueAt(m, 'ZDS-1.1');
  if (!national || !local || !studyUid) return undefined;
  return {
    controlId: valueAt(m, 'MSH-10'),
    national: { id: national.id, oid: national.oid },
    local: { id: local.id, oid: local.oid },
    accession: { id: valueAt(m, 'OBR-18.1'), oid: valueAt(m, 'OBR-18.3') },
    studyUid,
    text: segmentsNamed(m, 'OBX')
      .map((_, i) => valueAt(m, `OBX[${i + 1}]-5`))
      .join('\n'),
    final: valueAt(m, 'OBR-25') === 'F',
    corrected: valueAt(m, 'OBR-25') === 'C',
  };
}
