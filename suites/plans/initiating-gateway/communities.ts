// The communities behind the SUT's initiating gateway: our XCA responding gateways, each in
// front of its own registry/repository store and patient ID domain, all on one port:
//   a: answers at once and holds a document for both patients;
//   b: holds a document for patient 1 but answers later than the gateway's declared timeout;
//   c: down (nothing listens at its address: connections are refused);
//   d: knows patient 2 but holds nothing for them (what XDS-030's caching check observes).
// The consumer side (our plan) knows each patient by a national ID; the gateway must map it to
// each community's own ID (the cross-reference table printed for the tester).
import { mkdir } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Exchange, Simulator } from '../../../model/exchange.ts';
import { STATUS } from '../../../protocols/ebrim/index.ts';
import { provideAndRegister } from '../../../simulators/clients/xds-source.ts';
import { startSimulators } from '../../../simulators/kit/start.ts';
import { openStore } from '../../../simulators/store/open-store.ts';
import type { XdsStore } from '../../../simulators/store/types.ts';
import { communityXdsSimulator, localPaths, respondingGatewaySimulator, respondingPaths } from '../../../simulators/xca/server.ts';
import { xdsConfig } from '../../../simulators/xds/config.ts';
import type { SutProfile } from '../../profiles/profile.ts';
import { buildSubmission } from '../common/iti41-submission.ts';

export const NATIONAL_ISSUER = '1.3.6.1.4.1.21367.13.20.4000';
export const PATIENTS = { first: 'MCWG-IG-0001', second: 'MCWG-IG-0002' } as const;
export const nationalCx = (id: string) => `${id}^^^&${NATIONAL_ISSUER}&ISO`;

/** Default per-community deadline when the profile declares none (xca.communityTimeoutMs). */
export const DEFAULT_TIMEOUT_MS = 5_000;
/** What we allow the gateway beyond its own deadline to merge and answer (generous: test machines are often loaded). */
export const ANSWER_MARGIN_MS = 3_000;

export type CommunityName = 'a' | 'b' | 'c' | 'd';
export type CommunityRole = 'normal' | 'slow' | 'down' | 'empty';

interface CommunitySpec {
  name: CommunityName;
  role: CommunityRole;
  home: string;
  issuer: string;
  repositoryUniqueId: string;
  /** Community-local patient ID by national ID; a document is seeded for those in `holds`. */
  locals: Partial<Record<keyof typeof PATIENTS, string>>;
  holds: (keyof typeof PATIENTS)[];
}

const SPECS: readonly CommunitySpec[] = [
  {
    name: 'a',
    role: 'normal',
    home: 'urn:oid:1.3.6.1.4.1.21367.13.70.11',
    issuer: '1.3.6.1.4.1.21367.13.20.4001',
    repositoryUniqueId: '1.3.6.1.4.1.21367.13.71.111',
    locals: { first: 'A-0001', second: 'A-0002' },
    holds: ['first', 'second'],
  },
  {
    name: 'b',
    role: 'slow',
    home: 'urn:oid:1.3.6.1.4.1.21367.13.70.12',
    issuer: '1.3.6.1.4.1.21367.13.20.4002',
    repositoryUniqueId: '1.3.6.1.4.1.21367.13.71.112',
    locals: { first: 'B-0001' },
    holds: ['first'],
  },
  {
    name: 'c',
    role: 'down',
    home: 'urn:oid:1.3.6.1.4.1.21367.13.70.13',
    issuer: '1.3.6.1.4.1.21367.13.20.4003',
    repositoryUniqueId: '1.3.6.1.4.1.21367.13.71.113',
    locals: { first: 'C-0001' },
    holds: [],
  },
  {
    name: 'd',
    role: 'empty',
    home: 'urn:oid:1.3.6.1.4.1.21367.13.70.14',
    issuer: '1.3.6.1.4.1.21367.13.20.4004',
    repositoryUniqueId: '1.3.6.1.4.1.21367.13.71.114',
    locals: { second: 'D-0002' },
    holds: [],
  },
];

export interface Community {
  name: CommunityName;
  role: CommunityRole;
  home: string;
  repositoryUniqueId: string;
  /** ITI-38 and ITI-39 / RAD-75 endpoints. */
  query: string;
  retrieve: string;
  /** Community-local patient CX by national CX. */
  locals: Record<string, string>;
  /** uniqueId of the document seeded for each national CX. */
  documents: Record<string, { uniqueId: string; bytes: Uint8Array }>;
}

export interface Federation extends Simulator {
  communities: Community[];
  /** The gateway's declared deadline per community and how late the slow one answers. */
  timeoutMs: number;
  slowMs: number;
}

export function federationOf(sims: Readonly<Record<string, Simulator>>): Federation | undefined {
  const f = sims.federation as Partial<Federation> | undefined;
  return f && Array.isArray(f.communities) ? (f as Federation) : undefined;
}

export const communityOf = (f: Federation, role: CommunityRole) => f.communities.find((c) => c.role === role)!;

/** The deadline the SUT declares; the slow community answers well after it plus our margin. */
export function timingOf(sut: SutProfile): { timeoutMs: number; slowMs: number } {
  const timeoutMs = sut.xca?.communityTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  return { timeoutMs, slowMs: timeoutMs + ANSWER_MARGIN_MS + 2_000 };
}

export async function startCommunities(opts: { dataDir: string; sut: SutProfile }): Promise<Record<string, Simulator>> {
  const { timeoutMs, slowMs } = timingOf(opts.sut);
  await mkdir(opts.dataDir, { recursive: true });
  const stores: XdsStore[] = [];
  const closeStores = async () => {
    for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  };
  try {
    const live = SPECS.filter((s) => s.role !== 'down');
    const plugins = [];
    const configs = new Map<CommunityName, ReturnType<typeof xdsConfig>>();
    for (const s of live) {
      const store = await openStore(`sqlite:${join(opts.dataDir, `community-${s.name}.sqlite`)}`);
      stores.push(store);
      const config = xdsConfig({
        repositoryUniqueId: s.repositoryUniqueId,
        knownPatients: new Set(Object.values(s.locals).map((id) => `${id}^^^&${s.issuer}&ISO`)),
      });
      configs.set(s.name, config);
      plugins.push(
        respondingGatewaySimulator({
          name: s.name,
          homeCommunityId: s.home,
          store,
          config,
          ...(s.role === 'slow' ? { delayMs: slowMs } : {}),
        }),
        communityXdsSimulator({ name: s.name, store, config }),
      );
    }
    const running = await startSimulators({ plugins, ...(opts.sut.xca?.communitiesPort ? { port: opts.sut.xca.communitiesPort } : {}) });
    const downUrl = `http://127.0.0.1:${await refusedPort()}`;
    const communities: Community[] = [];
    try {
      for (const s of SPECS) {
        const base = s.role === 'down' ? downUrl : running.url;
        const paths = respondingPaths(s.name);
        const locals: Record<string, string> = {};
        const documents: Community['documents'] = {};
        for (const [k, local] of Object.entries(s.locals)) {
          const national = nationalCx(PATIENTS[k as keyof typeof PATIENTS]);
          const localCx = `${local}^^^&${s.issuer}&ISO`;
          locals[national] = localCx;
          if (!s.holds.includes(k as keyof typeof PATIENTS)) continue;
          const sub = buildSubmission({ patientCx: localCx });
          const seeded = await provideAndRegister(`${running.url}${localPaths(s.name).repository}`, sub.request, () => undefined);
          if (seeded.response?.status !== STATUS.success)
            throw new Error(`seeding community ${s.name} failed: ${seeded.call.ok ? seeded.response?.status : seeded.call.error}`);
          documents[national] = { uniqueId: sub.uniqueId, bytes: sub.bytes };
        }
        communities.push({
          name: s.name,
          role: s.role,
          home: s.home,
          repositoryUniqueId: s.repositoryUniqueId,
          query: `${base}${paths.query}`,
          retrieve: `${base}${paths.retrieve}`,
          locals,
          documents,
        });
      }
    } catch (err) {
      await running.stop();
      throw err;
    }
    // Only the gateway-facing traffic: the seeding ITI-41s are ours.
    const federation: Federation = {
      url: running.url,
      exchanges: (): Exchange[] => running.exchanges().filter((e) => e.transaction !== 'ITI-41'),
      stop: async () => {
        await running.stop();
        await closeStores();
      },
      communities,
      timeoutMs,
      slowMs,
    };
    return { federation };
  } catch (err) {
    await closeStores();
    throw err;
  }
}

/** A port nothing listens on: bound by the OS, then released. */
async function refusedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((ok, ko) => srv.once('error', ko).listen(0, '127.0.0.1', ok));
  const { port } = srv.address() as AddressInfo;
  await new Promise((ok) => srv.close(ok));
  return port;
}

/** What the tester configures in the gateway under test: each community's endpoints, home and patient IDs. */
export function instructions(f: Federation): string {
  const rows = f.communities.map(
    (c) =>
      `${c.home}: ITI-38 ${c.query}, ITI-39/RAD-75 ${c.retrieve}; patients ${Object.entries(c.locals)
        .map(([n, l]) => `${n} = ${l}`)
        .join(', ')}`,
  );
  return `configure the initiating gateway with these responding gateways and patient cross-references, deadline ${f.timeoutMs} ms per community: ${rows.join(' | ')}`;
}
