// `mcwg simulate xca`: XCA / XCA-I Responding Gateways, one per community, each in front of its
// own registry/repository store, all on one port until SIGINT/SIGTERM. Each community's own XDS
// endpoints sit beside its gateway (/xds/<name>/…) so documents can be published into it.
import { join } from 'node:path';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../../simulators/xds/config.ts';
import { startSimulators } from '../../simulators/kit/start.ts';
import type { XdsStore } from '../../simulators/store/types.ts';
import { isHomeCommunityId } from '../../simulators/xca/home.ts';
import { initiatingGatewaySimulator } from '../../simulators/xca/initiating-server.ts';
import { patientMemory } from '../../simulators/xca/location-cache.ts';
import { communityXdsSimulator, respondingGatewaySimulator, respondingPaths } from '../../simulators/xca/server.ts';
import { UsageError } from '../errors.ts';
import { intOption, openStoreOption, portOption, serveUntilSignal } from '../simulate-lifecycle.ts';
import { logExchange } from './simulate-mhd.ts';
import type { RegisterSimulator } from './simulate.ts';

interface Opts {
  port: string;
  data: string;
  community: string[];
  acceptAnyPatient: boolean;
  patient: string[];
  repositoryUid: string;
  initiating: boolean;
  timeoutMs: string;
  slow: string[];
}

const DEFAULT_COMMUNITIES = ['a=urn:oid:1.3.6.1.4.1.21367.13.70.1', 'b=urn:oid:1.3.6.1.4.1.21367.13.70.2'];

export function parseCommunity(spec: string): { name: string; home: string } {
  const m = /^([a-z0-9-]+)=(.+)$/.exec(spec);
  if (!m || !isHomeCommunityId(m[2])) throw new UsageError(`--community ${spec}: expected NAME=urn:oid:OID (NAME: a-z, 0-9, -)`);
  return { name: m[1]!, home: m[2]! };
}

export const registerSimulateXca: RegisterSimulator = (simulate, io) => {
  simulate
    .command('xca')
    .description(
      'run XCA / XCA-I Responding Gateways (ITI-38, ITI-39, RAD-75), one per community, each with its own registry/repository store',
    )
    .option('--port <N>', 'TCP port on 127.0.0.1 (0 = a free one)', '0')
    .option('--data <DIR>', "folder for the communities' SQLite stores (DIR/<name>.sqlite)", '.mcwg/xca')
    .option(
      '--community <NAME=HOME>',
      `a community and its homeCommunityId (repeatable; default ${DEFAULT_COMMUNITIES.join(' and ')})`,
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--accept-any-patient', 'communities register any patient ID', false)
    .option(
      '--patient <CX>',
      'a patient ID known to every community (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--repository-uid <OID>', "repositoryUniqueId of each community's repository", DEFAULT_REPOSITORY_UID)
    .option('--initiating', 'also run an Initiating Gateway at /xca-ig (ITI-18, ITI-43, RAD-69) that fans out to these communities', false)
    .option(
      '--slow <NAME=MS>',
      "community NAME answers every request MS ms late (an initiating gateway's per-community timeout; repeatable)",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--timeout-ms <MS>', 'with --initiating: deadline per community (needs a fixed --port)', '5000')
    .addHelpText(
      'after',
      `
Examples:
  mcwg simulate xca --accept-any-patient        # /xca/a/…, /xca/b/… gateways; /xds/a/…, /xds/b/… to publish
  mcwg simulate xca --port 8080 --community north=urn:oid:1.2.3.1 --community south=urn:oid:1.2.3.2 --patient 'P1^^^&1.2.3&ISO'
  mcwg simulate xca --initiating --timeout-ms 2000   # a consumer's ITI-18 to /xca-ig/registry reaches every community
  mcwg simulate xca --port 8090 --slow b=9000         # community b answers late: test your gateway's timeout
  mcwg send iti41 … http://127.0.0.1:8080/xds/north/repository   # then ITI-38 to /xca/north/registry`,
    )
    .action(async (o: Opts) => {
      const port = portOption(o.port);
      const communities = (o.community.length > 0 ? o.community : DEFAULT_COMMUNITIES).map(parseCommunity);
      if (new Set(communities.map((c) => c.name)).size !== communities.length) throw new UsageError('--community: each NAME once');
      const slow = new Map(
        o.slow.map((spec) => {
          const m = /^([a-z0-9-]+)=(\d+)$/.exec(spec);
          if (!m || !communities.some((c) => c.name === m[1]))
            throw new UsageError(`--slow ${spec}: expected NAME=MS for a --community NAME`);
          return [m[1]!, intOption('--slow', m[2]!, 1, 600_000)] as const;
        }),
      );
      const stores: XdsStore[] = [];
      const closeAll = async () => {
        for (const s of stores) await s.close().catch(() => undefined);
      };
      try {
        const plugins = [];
        for (const c of communities) {
          const store = await openStoreOption(`sqlite:${join(o.data, `${c.name}.sqlite`)}`);
          stores.push(store);
          const config = xdsConfig({
            repositoryUniqueId: o.repositoryUid,
            acceptAnyPatient: o.acceptAnyPatient,
            knownPatients: new Set(o.patient),
          });
          plugins.push(
            respondingGatewaySimulator({
              name: c.name,
              homeCommunityId: c.home,
              store,
              config,
              ...(slow.has(c.name) ? { delayMs: slow.get(c.name)! } : {}),
            }),
            communityXdsSimulator({ name: c.name, store, config }),
          );
          io.err(`xca: community ${c.name} ${c.home}, store ${join(o.data, `${c.name}.sqlite`)}\n`);
        }
        if (o.initiating) {
          if (port === 0) throw new UsageError('--initiating needs a fixed --port (the gateway calls the communities on it)');
          const timeoutMs = intOption('--timeout-ms', o.timeoutMs, 1, 600_000);
          const own = await openStoreOption('sqlite::memory:');
          stores.push(own);
          // The gateway's own URLs are known once the server listens: it reaches the communities on loopback through the same port.
          plugins.push(
            initiatingGatewaySimulator({
              store: own,
              config: xdsConfig(),
              timeoutMs,
              // Patient location caching (XDS-030): a community that had nothing for a patient is not asked again for 10 min.
              memory: patientMemory({ ttlMs: 600_000 }),
              gateways: communities.map((c) => ({
                homeCommunityId: c.home,
                query: `http://127.0.0.1:${port}${respondingPaths(c.name).query}`,
                retrieve: `http://127.0.0.1:${port}${respondingPaths(c.name).retrieve}`,
              })),
            }),
          );
        }
        const running = await startSimulators({ plugins, port, onExchange: (name, e) => logExchange(io, name)(e) });
        await serveUntilSignal(io, 'xca', { endpoints: running.endpoints, stop: () => running.stop().then(closeAll) });
      } catch (err) {
        await closeAll();
        throw err;
      }
    });
};
