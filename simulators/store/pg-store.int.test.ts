// The same suite as sqlite-store.test.ts on a real PostgreSQL 15 in a temp directory.
import { afterAll, beforeAll, describe } from 'vitest';
import { peerAvailable } from '../../fixtures/peers.ts';
import { openStore } from './open-store.ts';
import { PG_INITDB, startTempCluster, type TempCluster } from './pg-cluster.ts';
import { storeSuite } from './store.test-kit.ts';

describe.skipIf(!peerAvailable(PG_INITDB))('PostgreSQL 15', () => {
  let cluster: TempCluster | undefined;
  beforeAll(() => {
    cluster = startTempCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());
  storeSuite('postgres', () => openStore(cluster!.url));
});
