// The cross-protocol suite on a real PostgreSQL 15 in a temp directory.
import { afterAll, beforeAll, describe } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { openStore } from '../store/open-store.ts';
import { PG_INITDB, startTempCluster, type TempCluster } from '../store/pg-cluster.ts';
import { crossProtocolSuite } from './cross-protocol.test-kit.ts';

describe.skipIf(!peerAvailable(PG_INITDB))('PostgreSQL 15', () => {
  let cluster: TempCluster | undefined;
  beforeAll(() => {
    cluster = startTempCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());
  crossProtocolSuite('PostgreSQL', () => openStore(cluster!.url), {
    submission: () => conformantSubmission(),
    patientId: FIXTURE.patientId,
    studyUid: FIXTURE.studyUid,
  });
});
