// Crash safety (XDS-009): SIGKILL the simulator during 50 concurrent submissions; after a
// restart every acknowledged submission is complete and queryable, and no partial one exists.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { DE, externalIdOf, STATUS } from '../../protocols/ebrim/index.ts';
import { withFreshIds } from '../clients/fresh-ids.ts';
import { param, retrieveDocuments, storedQuery } from '../clients/xds-consumer.ts';
import { provideAndRegister } from '../clients/xds-source.ts';
import { DEFAULT_REPOSITORY_UID } from './config.ts';
import { spawnXds, type XdsProcess } from './spawn-cli.ts';
import { QUERY } from './stored-query.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-kill-'));
const args = ['--port', '0', '--data', dir, '--accept-any-patient'];
let running: XdsProcess | undefined;

describe('SIGKILL during 50 concurrent submissions', () => {
  afterAll(async () => {
    running?.child.kill('SIGTERM');
    await running?.exited;
  });

  test('acknowledged submissions survive whole; none survives in part', async () => {
    const first = await spawnXds(args);
    running = first;
    const acked: string[] = [];
    let killed = false;
    const sends = Array.from({ length: 50 }, async (_, i) => {
      const req = withFreshIds(conformantSubmission(2), `2.25.${Date.now()}.${i}`);
      const r = await provideAndRegister(first.repository, req, () => undefined);
      if (r.response?.status === STATUS.success) {
        acked.push(...req.objects.documentEntries.map((d) => externalIdOf(d, DE.uniqueId)!.value));
        if (acked.length >= 20 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(sends);
    if (!killed) first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(20);

    const second = await spawnXds(args);
    running = second;
    for (const uid of acked) {
      const q = await storedQuery(second.registry, QUERY.GetDocuments, [param('$XDSDocumentEntryUniqueId', uid)], () => undefined);
      expect(q.response?.objects.documentEntries).toHaveLength(1);
      const r = await retrieveDocuments(
        second.repository,
        [{ repositoryUniqueId: DEFAULT_REPOSITORY_UID, documentUniqueId: uid }],
        () => undefined,
      );
      expect(r.documents[0]?.data).toEqual(Buffer.from(FIXTURE.documentBytes));
    }
    second.child.kill('SIGTERM');
    await second.exited;
    running = undefined;

    // No partial submission: every stored set has both its entries, their bytes and memberships.
    const db = new Database(join(dir, 'xds.sqlite'), { readonly: true });
    const sets = db.prepare('SELECT entry_uuid FROM submission_sets').all() as { entry_uuid: string }[];
    expect(sets.length).toBeGreaterThanOrEqual(10);
    for (const s of sets) {
      const entries = db.prepare('SELECT unique_id FROM document_entries WHERE submission_set_uuid = ?').all(s.entry_uuid) as {
        unique_id: string;
      }[];
      expect(entries).toHaveLength(2);
      const members = db
        .prepare("SELECT COUNT(*) AS n FROM associations WHERE source_uuid = ? AND type LIKE '%HasMember'")
        .get(s.entry_uuid) as { n: number };
      expect(members.n).toBe(2);
      for (const e of entries)
        expect(db.prepare('SELECT size FROM documents WHERE unique_id = ?').get(e.unique_id)).toEqual({
          size: FIXTURE.documentBytes.length,
        });
    }
    const orphans = db
      .prepare('SELECT COUNT(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_entries e WHERE e.unique_id = d.unique_id)')
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    db.close();
  }, 120_000);
});
