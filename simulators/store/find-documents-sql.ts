// FindDocuments as one SQL statement (ITI TF-2 3.18.4.1.2.3.7.1). Also used by the bench
// to time the same query without the protocol around it.
import type { Param } from './driver.ts';
import { dtmKey, type FindDocumentsQuery } from './types.ts';

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function findDocumentsSql(q: FindDocumentsQuery): { sql: string; params: Param[] } {
  const where = ['d.patient_id = ?', `d.status IN (${marks(q.statuses.length)})`];
  const params: Param[] = [q.patientId, ...q.statuses];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${column} IN (${marks(values.length)})`);
    params.push(...values);
  };
  inList('d.object_type', q.objectTypes);
  inList('d.class_code', q.classCodes);
  inList('d.type_code', q.typeCodes);
  inList('d.practice_setting_code', q.practiceSettingCodes);
  inList('d.facility_type_code', q.healthcareFacilityTypeCodes);
  inList('d.format_code', q.formatCodes);
  const exists = (kind: string, values: readonly string[], op = 'IN') => {
    const cond = op === 'IN' ? `v.value IN (${marks(values.length)})` : values.map(() => 'v.value LIKE ?').join(' OR ');
    where.push(`EXISTS (SELECT 1 FROM document_values v WHERE v.entry_uuid = d.entry_uuid AND v.kind = ? AND (${cond}))`);
    params.push(kind, ...values);
  };
  for (const group of q.eventCodeGroups ?? []) if (group.length) exists('event', group);
  for (const group of q.confidentialityCodeGroups ?? []) if (group.length) exists('confidentiality', group);
  if (q.referenceIds?.length) exists('referenceId', q.referenceIds);
  if (q.authorPersons?.length) exists('author', q.authorPersons, 'LIKE');
  const range = (column: string, from: string | undefined, to: string | undefined) => {
    if (from) {
      where.push(`${column} >= ?`);
      params.push(dtmKey(from));
    }
    if (to) {
      where.push(`${column} < ?`);
      params.push(dtmKey(to));
    }
  };
  range('d.creation_time', q.creationTimeFrom, q.creationTimeTo);
  range('d.service_start_time', q.serviceStartTimeFrom, q.serviceStartTimeTo);
  range('d.service_stop_time', q.serviceStopTimeFrom, q.serviceStopTimeTo);
  let sql = `SELECT d.status, d.record FROM document_entries d WHERE ${where.join(' AND ')} ORDER BY d.creation_time, d.entry_uuid`;
  if (q.limit !== undefined) {
    sql += ' LIMIT ?';
    params.push(q.limit);
  }
  return { sql, params };
}
