// XdsStore over either SQL driver: the SQL is written once, in the subset both dialects share.
import { ExpectationError, UniqueViolation, type Param, type SqlDriver, type Statement } from './driver.ts';
import {
  codeKey,
  dtmKey,
  StoreConflictError,
  type AssociationRecord,
  type DocumentEntryRecord,
  type FindDocumentsQuery,
  type FindingRecord,
  type FindSubmissionSetsQuery,
  type StoredDocument,
  type Submission,
  type XdsStore,
} from './types.ts';
import { findDocumentsSql } from './find-documents-sql.ts';
import type { Exchange } from '../../model/exchange.ts';
import { pacer } from '../kit/pacer.ts';

const key = (c: { code: string; scheme: string } | undefined) => (c ? codeKey(c) : null);
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function sqlStore(db: SqlDriver): XdsStore {
  /** Status lives in its column (it changes); the JSON keeps the rest. */
  const withStatus = async <T extends { status: string }>(sql: string, params: Param[]): Promise<T[]> =>
    (await db.all(sql, params)).map((r) => ({ ...(JSON.parse(String(r.record)) as T), status: r.status as T['status'] }));

  return {
    kind: db.kind,
    async commit(s: Submission) {
      try {
        await db.batch(await statementsFor(s));
      } catch (e) {
        if (e instanceof UniqueViolation) throw new StoreConflictError('duplicate-unique-id', e.message);
        if (e instanceof ExpectationError) throw new StoreConflictError('not-approved', e.message);
        throw e;
      }
    },
    findDocuments(q: FindDocumentsQuery) {
      const { sql, params } = findDocumentsSql(q);
      return withStatus<DocumentEntryRecord>(sql, params);
    },
    documentsByUuid(uuids) {
      if (uuids.length === 0) return Promise.resolve([]);
      return withStatus(`SELECT status, record FROM document_entries WHERE entry_uuid IN (${marks(uuids.length)})`, [...uuids]);
    },
    documentsByUniqueId(ids) {
      if (ids.length === 0) return Promise.resolve([]);
      return withStatus(`SELECT status, record FROM document_entries WHERE unique_id IN (${marks(ids.length)})`, [...ids]);
    },
    findSubmissionSets(q: FindSubmissionSetsQuery) {
      const where = ['patient_id = ?', `status IN (${marks(q.statuses.length)})`];
      const params: Param[] = [q.patientId, ...q.statuses];
      if (q.sourceIds?.length) {
        where.push(`source_id IN (${marks(q.sourceIds.length)})`);
        params.push(...q.sourceIds);
      }
      if (q.contentTypeCodes?.length) {
        where.push(`content_type_code IN (${marks(q.contentTypeCodes.length)})`);
        params.push(...q.contentTypeCodes);
      }
      if (q.submissionTimeFrom) {
        where.push('submission_time >= ?');
        params.push(dtmKey(q.submissionTimeFrom));
      }
      if (q.submissionTimeTo) {
        where.push('submission_time < ?');
        params.push(dtmKey(q.submissionTimeTo));
      }
      return withStatus(
        `SELECT status, record FROM submission_sets WHERE ${where.join(' AND ')} ORDER BY submission_time, entry_uuid`,
        params,
      );
    },
    submissionSetsByUuid(uuids) {
      if (uuids.length === 0) return Promise.resolve([]);
      return withStatus(`SELECT status, record FROM submission_sets WHERE entry_uuid IN (${marks(uuids.length)})`, [...uuids]);
    },
    submissionSetsByUniqueId(ids) {
      if (ids.length === 0) return Promise.resolve([]);
      return withStatus(`SELECT status, record FROM submission_sets WHERE unique_id IN (${marks(ids.length)})`, [...ids]);
    },
    findFolders(q) {
      const where = ['patient_id = ?', `status IN (${marks(q.statuses.length)})`];
      const params: Param[] = [q.patientId, ...q.statuses];
      if (q.lastUpdateTimeFrom) {
        where.push('last_update_time >= ?');
        params.push(dtmKey(q.lastUpdateTimeFrom));
      }
      if (q.lastUpdateTimeTo) {
        where.push('last_update_time < ?');
        params.push(dtmKey(q.lastUpdateTimeTo));
      }
      for (const g of q.codeGroups ?? []) {
        if (!g.length) continue;
        where.push(`EXISTS (SELECT 1 FROM folder_codes c WHERE c.entry_uuid = f.entry_uuid AND c.value IN (${marks(g.length)}))`);
        params.push(...g);
      }
      return withStatus(`SELECT status, record FROM folders f WHERE ${where.join(' AND ')} ORDER BY last_update_time, entry_uuid`, params);
    },
    foldersByUuid(uuids) {
      if (uuids.length === 0) return Promise.resolve([]);
      return withStatus(`SELECT status, record FROM folders WHERE entry_uuid IN (${marks(uuids.length)})`, [...uuids]);
    },
    foldersByUniqueId(ids) {
      if (ids.length === 0) return Promise.resolve([]);
      return withStatus(`SELECT status, record FROM folders WHERE unique_id IN (${marks(ids.length)})`, [...ids]);
    },
    associationsOf(uuids) {
      if (uuids.length === 0) return Promise.resolve([]);
      const m = marks(uuids.length);
      return withStatus<AssociationRecord>(
        `SELECT status, record FROM associations WHERE source_uuid IN (${m}) OR target_uuid IN (${m}) ORDER BY entry_uuid`,
        [...uuids, ...uuids],
      );
    },
    async documentContent(uniqueId) {
      const [r] = await db.all(
        'SELECT unique_id, repository_unique_id, mime_type, hash, size, content FROM documents WHERE unique_id = ?',
        [uniqueId],
      );
      if (!r) return undefined;
      const doc: StoredDocument = {
        uniqueId: String(r.unique_id),
        repositoryUniqueId: String(r.repository_unique_id),
        mimeType: String(r.mime_type),
        hash: String(r.hash),
        size: Number(r.size),
        data: Buffer.from(r.content as Uint8Array),
      };
      return doc;
    },
    async findingsOf(ssUuid) {
      const rows = await db.all(
        'SELECT rule_id, req_ids, severity, message, path FROM findings WHERE submission_set_uuid = ? ORDER BY rule_id',
        [ssUuid],
      );
      return rows.map(
        (r): FindingRecord => ({
          ruleId: String(r.rule_id),
          reqIds: JSON.parse(String(r.req_ids)) as string[],
          severity: r.severity as FindingRecord['severity'],
          message: String(r.message),
          path: String(r.path),
        }),
      );
    },
    async recordExchanges(list) {
      if (list.length === 0) return;
      await db.batch(
        list.map((e) => ({
          sql: 'INSERT INTO exchanges (id, at, transaction_name, error, record) VALUES (?, ?, ?, ?, ?)',
          params: [e.id, e.at, e.transaction, e.error ?? null, JSON.stringify(e)],
        })),
      );
    },
    async exchanges(limit = 10_000) {
      const rows = await db.all('SELECT record FROM exchanges ORDER BY at, id LIMIT ?', [limit]);
      return rows.map((r) => JSON.parse(String(r.record)) as Exchange);
    },
    async counts() {
      const n = async (t: string) => Number((await db.all(`SELECT COUNT(*) AS n FROM ${t}`, []))[0]?.n ?? 0);
      return {
        documentEntries: await n('document_entries'),
        submissionSets: await n('submission_sets'),
        associations: await n('associations'),
        documents: await n('documents'),
      };
    },
    close: () => db.close(),
  };
}

/** The rows of a submission, built a few ms per turn of the event loop: a 990-document submission's JSON took ~180 ms at once. */
async function statementsFor(s: Submission): Promise<Statement[]> {
  const out: Statement[] = [];
  const pace = pacer();
  const ss = s.submissionSet;
  out.push({
    sql: `INSERT INTO submission_sets (entry_uuid, unique_id, patient_id, source_id, submission_time, content_type_code, status, record, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    params: [
      ss.entryUuid,
      ss.uniqueId,
      ss.patientId,
      ss.sourceId,
      dtmKey(ss.submissionTime),
      key(ss.contentTypeCode),
      ss.status,
      JSON.stringify(ss),
      new Date().toISOString(),
    ],
  });
  for (const d of s.documentEntries) {
    if (pace.due()) await pace.next();
    out.push({
      sql: `INSERT INTO document_entries (entry_uuid, unique_id, logical_id, patient_id, status, object_type, mime_type, hash, size,
              repository_unique_id, creation_time, service_start_time, service_stop_time, class_code, type_code, format_code,
              practice_setting_code, facility_type_code, title, submission_set_uuid, record)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        d.entryUuid,
        d.uniqueId,
        d.logicalId,
        d.patientId,
        d.status,
        d.objectType,
        d.mimeType,
        d.hash ?? null,
        d.size ?? null,
        d.repositoryUniqueId ?? null,
        dtmKey(d.creationTime),
        dtmKey(d.serviceStartTime),
        dtmKey(d.serviceStopTime),
        key(d.classCode),
        key(d.typeCode),
        key(d.formatCode),
        key(d.practiceSettingCode),
        key(d.healthcareFacilityTypeCode),
        d.title ?? null,
        d.submissionSetUuid,
        JSON.stringify(d),
      ],
    });
    const values: [string, string][] = [
      ...d.eventCodes.map((c): [string, string] => ['event', codeKey(c)]),
      ...d.confidentialityCodes.map((c): [string, string] => ['confidentiality', codeKey(c)]),
      ...d.referenceIds.map((v): [string, string] => ['referenceId', v]),
      ...d.authorPersons.map((v): [string, string] => ['author', v]),
    ];
    for (const [kind, value] of values) {
      out.push({ sql: 'INSERT INTO document_values (entry_uuid, kind, value) VALUES (?, ?, ?)', params: [d.entryUuid, kind, value] });
    }
  }
  for (const f of s.folders) {
    if (pace.due()) await pace.next();
    out.push({
      sql: 'INSERT INTO folders (entry_uuid, unique_id, patient_id, status, last_update_time, record) VALUES (?, ?, ?, ?, ?, ?)',
      params: [f.entryUuid, f.uniqueId, f.patientId, f.status, dtmKey(f.lastUpdateTime), JSON.stringify(f)],
    });
    for (const c of f.codeList)
      out.push({ sql: 'INSERT INTO folder_codes (entry_uuid, value) VALUES (?, ?)', params: [f.entryUuid, codeKey(c)] });
  }
  for (const a of s.associations) {
    if (pace.due()) await pace.next();
    out.push({
      sql: 'INSERT INTO associations (entry_uuid, type, source_uuid, target_uuid, status, submission_set_uuid, record) VALUES (?, ?, ?, ?, ?, ?, ?)',
      params: [a.entryUuid, a.type, a.sourceUuid, a.targetUuid, a.status, a.submissionSetUuid, JSON.stringify(a)],
    });
  }
  for (const uuid of s.deprecate) {
    out.push({
      sql: "UPDATE document_entries SET status = 'Deprecated' WHERE entry_uuid = ? AND status = 'Approved'",
      params: [uuid],
      expectChanges: 1,
      onMismatch: `document entry ${uuid} is no longer Approved`,
    });
  }
  for (const doc of s.documents) {
    if (pace.due()) await pace.next();
    out.push({
      sql: 'INSERT INTO documents (unique_id, repository_unique_id, mime_type, hash, size, content) VALUES (?, ?, ?, ?, ?, ?)',
      params: [doc.uniqueId, doc.repositoryUniqueId, doc.mimeType, doc.hash, doc.size, doc.data],
    });
  }
  for (const f of s.findings) {
    if (pace.due()) await pace.next();
    out.push({
      sql: 'INSERT INTO findings (submission_set_uuid, exchange_id, rule_id, req_ids, severity, message, path) VALUES (?, ?, ?, ?, ?, ?, ?)',
      params: [ss.entryUuid, s.exchangeId ?? null, f.ruleId, JSON.stringify(f.reqIds), f.severity, f.message, f.path],
    });
  }
  return out;
}
