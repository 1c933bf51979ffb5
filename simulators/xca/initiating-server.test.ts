// The Initiating Gateway kit simulator over real HTTP: a consumer's ITI-18 fans out to three
// communities (one answers, one is slow, one is down) and comes back PartialSuccess with the
// answering community's entry, stamped with its home, and one XDSUnavailableCommunity per
// failed community, within the per-community deadline; ITI-43 by home returns the bytes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DE, STATUS, externalIdOf } from '../../protocols/ebrim/index.ts';
import { buildSubmission } from '../../suites/plans/common/iti41-submission.ts';
import { param, retrieveDocuments, storedQuery } from '../clients/xds-consumer.ts';
import { retrieveImaging } from '../clients/xds-imaging-consumer.ts';
import { provideAndRegister } from '../clients/xds-source.ts';
import { startSimulators, type RunningSimulators } from '../kit/start.ts';
import { openStore } from '../store/open-store.ts';
import type { XdsStore } from '../store/types.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../xds/config.ts';
import { QUERY } from '../xds/stored-query.ts';
import { initiatingGatewaySimulator, IG_PREFIX } from './initiating-server.ts';
import { communityXdsSimulator, localPaths, respondingGatewaySimulator, respondingPaths } from './server.ts';

const A = 'urn:oid:1.3.6.1.4.1.21367.13.70.1';
const SLOW = 'urn:oid:1.3.6.1.4.1.21367.13.70.2';
const DOWN = 'urn:oid:1.3.6.1.4.1.21367.13.70.3';
const PATIENT = 'XCA-IG-0001^^^&1.3.6.1.4.1.21367.13.20.3000&ISO';
const noop = () => undefined;

describe('XCA initiating gateway simulator (fan-out, one community slow, one down)', () => {
  let communities: RunningSimulators;
  let ig: RunningSimulators;
  let slow: Server;
  const stores: XdsStore[] = [];
  const sub = buildSubmission({ patientCx: PATIENT });

  beforeAll(async () => {
    const store = await openStore('sqlite::memory:');
    stores.push(store);
    const config = xdsConfig({ knownPatients: new Set([PATIENT]) });
    communities = await startSimulators({
      plugins: [
        respondingGatewaySimulator({ name: 'a', homeCommunityId: A, store, config }),
        communityXdsSimulator({ name: 'a', store, config }),
      ],
    });
    expect((await provideAndRegister(`${communities.url}${localPaths('a').repository}`, sub.request, noop)).response?.status).toBe(
      STATUS.success,
    );
    // Accepts and never answers.
    slow = createServer(() => undefined);
    await new Promise<void>((ok) => slow.listen(0, '127.0.0.1', ok));
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const own = await openStore('sqlite::memory:');
    stores.push(own);
    ig = await startSimulators({
      plugins: [
        initiatingGatewaySimulator({
          store: own,
          config: xdsConfig(),
          timeoutMs: 800,
          gateways: [
            {
              homeCommunityId: A,
              query: `${communities.url}${respondingPaths('a').query}`,
              retrieve: `${communities.url}${respondingPaths('a').retrieve}`,
            },
            { homeCommunityId: SLOW, query: `${slowUrl}/q`, retrieve: `${slowUrl}/r` },
            { homeCommunityId: DOWN, query: 'http://127.0.0.1:9/q', retrieve: 'http://127.0.0.1:9/r' },
          ],
        }),
      ],
    });
  });
  afterAll(async () => {
    await ig?.stop();
    await communities?.stop();
    slow?.closeAllConnections();
    await new Promise((ok) => slow?.close(ok));
    for (const s of stores) await s.close();
  });

  test("ITI-18 answers PartialSuccess: community A's entry with its home, XDSUnavailableCommunity for the slow and the down one", async () => {
    const started = Date.now();
    const r = await storedQuery(
      `${ig.url}${IG_PREFIX}/registry`,
      QUERY.FindDocuments,
      [param('$XDSDocumentEntryPatientId', PATIENT), param('$XDSDocumentEntryStatus', STATUS.approved)],
      noop,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.response?.status).toBe(STATUS.partialSuccess);
    expect(r.response!.objects.documentEntries.map((e) => [externalIdOf(e, DE.uniqueId)?.value, e.home])).toEqual([[sub.uniqueId, A]]);
    expect(r.response!.errors.map((e) => [e.errorCode, e.location]).sort()).toEqual([
      ['XDSUnavailableCommunity', SLOW],
      ['XDSUnavailableCommunity', DOWN],
    ]);
  });

  test("ITI-43 with A's home returns the bytes; an unknown home is XDSUnknownCommunity", async () => {
    const ok = await retrieveDocuments(
      `${ig.url}${IG_PREFIX}/repository`,
      [{ homeCommunityId: A, repositoryUniqueId: DEFAULT_REPOSITORY_UID, documentUniqueId: sub.uniqueId }],
      noop,
    );
    expect(ok.response?.response.status).toBe(STATUS.success);
    expect(Buffer.from(ok.documents[0]?.data ?? []).equals(Buffer.from(sub.bytes))).toBe(true);
    const unknown = await retrieveDocuments(
      `${ig.url}${IG_PREFIX}/repository`,
      [{ homeCommunityId: 'urn:oid:1.2.3.4', repositoryUniqueId: DEFAULT_REPOSITORY_UID, documentUniqueId: sub.uniqueId }],
      noop,
    );
    expect(unknown.response?.response.errors.map((e) => e.errorCode)).toEqual(['XDSUnknownCommunity']);
  });

  test('RAD-69 goes out as RAD-75 to the community named by HomeCommunityId and returns its bytes', async () => {
    const r = await retrieveImaging(
      `${ig.url}${IG_PREFIX}/repository`,
      {
        studyInstanceUid: '1.2.3',
        seriesInstanceUid: '1.2.3.4',
        repositoryUniqueId: DEFAULT_REPOSITORY_UID,
        sopInstanceUids: [sub.uniqueId],
      },
      noop,
      A,
    );
    expect(r.response?.response.status).toBe(STATUS.success);
    expect(Buffer.from(r.documents[0]?.data ?? []).equals(Buffer.from(sub.bytes))).toBe(true);
    expect(r.response?.documents[0]?.homeCommunityId).toBe(A);
    const rad75 = communities.exchanges().filter((e) => e.transaction === 'RAD-75');
    expect(rad75).toHaveLength(1);
    expect(rad75[0]!.request.body).toContain('studyInstanceUID="1.2.3"');
  });
});
