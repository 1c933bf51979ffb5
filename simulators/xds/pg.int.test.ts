// The simulator on PostgreSQL 15 (`--store postgres://…`): submit, query, restart, query again.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { DE, externalIdOf, STATUS } from '../../protocols/ebrim/index.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { withFreshIds } from '../clients/fresh-ids.ts';
import { param, retrieveDocuments, storedQuery } from '../clients/xds-consumer.ts';
import { provideAndRegister } from '../clients/xds-source.ts';
import { PG_INITDB, startTempCluster, type TempCluster } from '../store/pg-cluster.ts';
import { DEFAULT_REPOSITORY_UID } from './config.ts';
import { spawnXds } from './spawn-cli.ts';
import { QUERY } from './stored-query.ts';

describe.skipIf(!peerAvailable(PG_INITDB))('mcwg simulate xds --store postgres://', () => {
  let cluster: TempCluster | undefined;
  beforeAll(() => {
    cluster = startTempCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  test('keeps submissions across a restart', async () => {
    const args = ['--port', '0', '--store', cluster!.url, '--patient', FIXTURE.patientId];
    const a = await spawnXds(args);
    const req = withFreshIds(conformantSubmission(1), `2.25.${Date.now()}`);
    const uid = externalIdOf(req.objects.documentEntries[0]!, DE.uniqueId)!.value;
    expect((await provideAndRegister(a.repository, req, () => undefined)).response?.status).toBe(STATUS.success);
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    const b = await spawnXds(args);
    try {
      const q = await storedQuery(b.registry, QUERY.GetDocuments, [param('$XDSDocumentEntryUniqueId', uid)], () => undefined);
      expect(q.response?.objects.documentEntries).toHaveLength(1);
      const r = await retrieveDocuments(
        b.repository,
        [{ repositoryUniqueId: DEFAULT_REPOSITORY_UID, documentUniqueId: uid }],
        () => undefined,
      );
      expect(r.documents[0]?.data).toEqual(Buffer.from(FIXTURE.documentBytes));
    } finally {
      b.child.kill('SIGTERM');
      await b.exited;
    }
  }, 60_000);
});
