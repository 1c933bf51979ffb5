// Architecture B for the consumer plans (profile option XCA): the consumer finds and retrieves
// through an initiating gateway (ours) in front of two communities, its own (empty) and a remote
// one holding the seeded studies. The remote community's responding gateway fronts the seeded
// registry/repository over their own ITI-18 / ITI-43; the gateway answers the consumer with each
// entry's home, and routes ITI-43 by the HomeCommunityId the consumer copies from it. The
// `xds` simulator the steps wait on is the gateway: same shape as seeded-xds.ts, plus the
// remote community's home that the retrieve must carry.
import type { Simulator } from '../../../../model/exchange.ts';
import type { AdhocQueryRequest } from '../../../../protocols/ebrim/index.ts';
import { retrieveDocuments, storedQuery } from '../../../../simulators/clients/xds-consumer.ts';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import { openStore } from '../../../../simulators/store/open-store.ts';
import { storeCommunity } from '../../../../simulators/xca/community.ts';
import type { RespondingGatewayCaller } from '../../../../simulators/xca/initiating.ts';
import { IG_PREFIX, initiatingGatewaySimulator } from '../../../../simulators/xca/initiating-server.ts';
import { crossGatewayQuery, crossGatewayRetrieve, type CommunityBackend } from '../../../../simulators/xca/responding.ts';
import { xdsConfig } from '../../../../simulators/xds/config.ts';
import type { DocRequest } from '../../../../simulators/xds/retrieve.ts';
import { seededOf, startPlanSimulators, type SeededXds } from './seeded-xds.ts';

export const LOCAL_HOME = 'urn:oid:1.3.6.1.4.1.21367.13.70.21';
export const REMOTE_HOME = 'urn:oid:1.3.6.1.4.1.21367.13.70.22';
const noop = () => undefined;

/** The seeded registry/repository as a community behind its responding gateway, over their SOAP endpoints. */
function remoteCommunity(x: SeededXds): CommunityBackend {
  return {
    homeCommunityId: REMOTE_HOME,
    async query(req: AdhocQueryRequest) {
      const r = await storedQuery(
        x.registry,
        req.queryId,
        req.parameters,
        noop,
        req.returnType === 'ObjectRef' ? 'ObjectRef' : 'LeafClass',
      );
      if (!r.response) throw new Error(r.call.ok ? 'the registry answered no AdhocQueryResponse' : r.call.error);
      return r.response;
    },
    async retrieve(requests: DocRequest[]) {
      // Inside the community the repository knows nothing of homes.
      const r = await retrieveDocuments(
        x.repository,
        requests.map(({ homeCommunityId: _h, ...d }) => d),
        noop,
      );
      if (!r.response) throw new Error(r.call.ok ? 'the repository answered no RetrieveDocumentSetResponse' : r.call.error);
      return {
        status: r.response.response.status,
        errors: r.response.response.errors.map(({ path: _p, ...e }) => e),
        documents: r.documents.map((d) => ({
          repositoryUniqueId: d.repositoryUniqueId,
          documentUniqueId: d.documentUniqueId,
          mimeType: d.mimeType,
          content: new Uint8Array(d.data ?? Buffer.alloc(0)),
          path: '',
        })),
      };
    },
  };
}

const callerOf = (b: CommunityBackend): RespondingGatewayCaller => ({
  homeCommunityId: b.homeCommunityId,
  query: (req) => crossGatewayQuery(req, b),
  retrieve: (reqs) => crossGatewayRetrieve(reqs, b),
});

export async function startFederatedSimulators(opts: Parameters<typeof startPlanSimulators>[0]): Promise<Record<string, Simulator>> {
  const sims = await startPlanSimulators(opts);
  const stopSims = async () => {
    for (const s of Object.values(sims)) await s.stop().catch(() => undefined);
  };
  const stores: Awaited<ReturnType<typeof openStore>>[] = [];
  const closeStores = async () => {
    for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  };
  try {
    const seeded = seededOf(sims);
    if (!seeded) throw new Error('consumer plan (XCA): the plan simulators are not seeded');
    const localStore = await openStore('sqlite::memory:');
    stores.push(localStore);
    const local = storeCommunity(LOCAL_HOME, localStore, xdsConfig({ acceptAnyPatient: true }));
    const own = await openStore('sqlite::memory:');
    stores.push(own);
    const gateway = await startSimulators({
      plugins: [
        initiatingGatewaySimulator({
          store: own,
          config: xdsConfig({ acceptAnyPatient: true }),
          gateways: [],
          callers: [callerOf(local), callerOf(remoteCommunity(seeded))],
          timeoutMs: 10_000,
        }),
      ],
    });
    const xds: SeededXds = {
      url: gateway.url,
      exchanges: () => gateway.exchanges(),
      stop: async () => {
        await gateway.stop();
        await closeStores();
        await seeded.stop();
      },
      studies: seeded.studies,
      patientCx: seeded.patientCx,
      registry: `${gateway.url}${IG_PREFIX}/registry`,
      repository: `${gateway.url}${IG_PREFIX}/repository`,
      homeCommunityId: REMOTE_HOME,
    };
    return { ...sims, xds };
  } catch (err) {
    await closeStores();
    await stopSims();
    throw err;
  }
}
