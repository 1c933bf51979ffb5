// The RunQueue contract on a real PostgreSQL 15 (scripts/pg-temp-cluster.sh): each test gets its own database.
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { peerAvailable } from '../../fixtures/peers.ts';
import { PG_INITDB, startTempCluster, type TempCluster } from '../../simulators/store/pg-cluster.ts';
import { openConsoleDb } from '../store/db.ts';
import { queueSuite } from './queue.test-kit.ts';

describe.skipIf(!peerAvailable(PG_INITDB))('PostgreSQL 15', () => {
  let cluster: TempCluster | undefined;
  let n = 0;
  beforeAll(() => {
    cluster = startTempCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());
  queueSuite('PostgreSQL', {
    async fresh() {
      const name = `queue_${++n}`;
      const admin = new pg.Client({ connectionString: cluster!.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const spec = cluster!.url.replace(/\/postgres$/, `/${name}`);
      return { db: await openConsoleDb(spec), spec };
    },
    connect: (spec) => openConsoleDb(spec),
  });
});
