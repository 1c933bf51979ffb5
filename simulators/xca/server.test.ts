// The Responding Gateway kit simulator over real HTTP: two communities, each with its own store,
// on one port beside their own XDS endpoints. A document published into community A comes back
// through A's gateway with A's homeCommunityId (XDS-027, XDS-028); B's gateway does not know it;
// a query addressed to another community, a wrong body and an unknown path get protocol answers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STATUS, DE, externalIdOf } from '../../protocols/ebrim/index.ts';
import { provideAndRegister } from '../clients/xds-source.ts';
import { param } from '../clients/xds-consumer.ts';
import { callSoap } from '../clients/xds-soap.ts';
import { startSimulators, type RunningSimulators } from '../kit/start.ts';
import { openStore } from '../store/open-store.ts';
import type { XdsStore } from '../store/types.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../xds/config.ts';
import { QUERY } from '../xds/stored-query.ts';
import { buildSubmission } from '../../suites/plans/common/iti41-submission.ts';
import { XCA_ACTION } from './actions.ts';
import { crossGatewayQueryCall, crossGatewayRetrieveCall } from './client.ts';
import { objectsWithoutHome } from './home.ts';
import { communityXdsSimulator, localPaths, respondingGatewaySimulator, respondingPaths } from './server.ts';

const A = 'urn:oid:1.3.6.1.4.1.21367.13.70.1';
const B = 'urn:oid:1.3.6.1.4.1.21367.13.70.2';
const PATIENT = 'XCA-0001^^^&1.3.6.1.4.1.21367.13.20.3000&ISO';
const noop = () => undefined;

describe('XCA responding gateway simulator (two communities on one port)', () => {
  let running: RunningSimulators;
  const stores: XdsStore[] = [];
  const sub = buildSubmission({ patientCx: PATIENT });
  const at = (p: string) => `${running.url}${p}`;

  beforeAll(async () => {
    const plugins = [];
    for (const [name, home] of [
      ['a', A],
      ['b', B],
    ] as const) {
      const store = await openStore('sqlite::memory:');
      stores.push(store);
      const config = xdsConfig({ knownPatients: new Set([PATIENT]) });
      plugins.push(
        respondingGatewaySimulator({ name, homeCommunityId: home, store, config }),
        communityXdsSimulator({ name, store, config }),
      );
    }
    running = await startSimulators({ plugins });
    const put = await provideAndRegister(at(localPaths('a').repository), sub.request, noop);
    expect(put.response?.status).toBe(STATUS.success);
  });
  afterAll(async () => {
    await running?.stop();
    for (const s of stores) await s.close();
  });

  const find = (name: string, home?: string) =>
    crossGatewayQueryCall(
      at(respondingPaths(name).query),
      {
        queryId: QUERY.FindDocuments,
        parameters: [param('$XDSDocumentEntryPatientId', PATIENT), param('$XDSDocumentEntryStatus', STATUS.approved)],
        ...(home ? { home } : {}),
      },
      noop,
    );

  test('prints ITI-38, ITI-39 and RAD-75 per community', () => {
    expect(
      running.endpoints.filter((e) => e.url.includes('/xca/')).map((e) => `${e.transaction} ${e.url.replace(running.url, '')}`),
    ).toEqual([
      'ITI-38 /xca/a/registry',
      'ITI-39 /xca/a/repository',
      'RAD-75 /xca/a/repository',
      'ITI-38 /xca/b/registry',
      'ITI-39 /xca/b/repository',
      'RAD-75 /xca/b/repository',
    ]);
  });

  test("ITI-38 returns the community's entry with its home on every object; the other community has none", async () => {
    const a = await find('a');
    expect(a.response?.status).toBe(STATUS.success);
    const entries = a.response!.objects.documentEntries;
    expect(entries.map((e) => externalIdOf(e, DE.uniqueId)?.value)).toEqual([sub.uniqueId]);
    expect(entries[0]!.home).toBe(A);
    expect(objectsWithoutHome(a.response!.objects)).toEqual([]);
    expect((await find('b')).response?.objects.documentEntries).toEqual([]);
  });

  test('a query addressed to another community is XDSUnknownCommunity', async () => {
    const r = await find('a', B);
    expect(r.response?.status).toBe(STATUS.failure);
    expect(r.response?.errors.map((e) => e.errorCode)).toEqual(['XDSUnknownCommunity']);
  });

  test('ITI-39 returns the bytes with HomeCommunityId; a request for another community is refused', async () => {
    const r = await crossGatewayRetrieveCall(
      at(respondingPaths('a').retrieve),
      [{ homeCommunityId: A, repositoryUniqueId: DEFAULT_REPOSITORY_UID, documentUniqueId: sub.uniqueId }],
      noop,
    );
    expect(r.response?.response.status).toBe(STATUS.success);
    expect(r.documents.map((d) => [d.homeCommunityId, Buffer.from(d.data ?? []).equals(Buffer.from(sub.bytes))])).toEqual([[A, true]]);
    const other = await crossGatewayRetrieveCall(
      at(respondingPaths('a').retrieve),
      [{ homeCommunityId: B, repositoryUniqueId: DEFAULT_REPOSITORY_UID, documentUniqueId: sub.uniqueId }],
      noop,
    );
    expect(other.response?.response.errors.map((e) => e.errorCode)).toEqual(['XDSUnknownCommunity']);
    expect(other.documents).toEqual([]);
  });

  test('a retrieve body under the query action, and an unknown path, get SOAP faults, not crashes', async () => {
    const wrong = await callSoap(
      { url: at(respondingPaths('a').query), action: XCA_ACTION.query, transaction: 'ITI-38', bodyXml: '<x:Nothing xmlns:x="urn:x"/>' },
      noop,
    );
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.fault?.code).toBe('Sender');
    const lost = await callSoap(
      { url: at('/xca/a/nowhere'), action: XCA_ACTION.query, transaction: 'ITI-38', bodyXml: '<x:Nothing xmlns:x="urn:x"/>' },
      noop,
    );
    expect(!lost.ok && lost.exchange.response?.status).toBe(404);
    expect(!lost.ok && lost.fault?.reason).toContain('/xca/a/registry');
  });
});
