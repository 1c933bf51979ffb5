// The manifest fetched from the SUT's registry/repository (profile manifest.documentUniqueId):
// ITI-18 GetDocuments finds its repository, ITI-43 returns its bytes, each exchange is evidence.
// Against our XDS simulator holding a RAD-68 submission of the example manifest.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kosSubmission } from '../../../fixtures/builders/ebrim-kos-submission.ts';
import { EXAMPLE_MANIFEST_UID } from '../../../fixtures/builders/kos-fixtures.ts';
import type { Exchange } from '../../../model/exchange.ts';
import { provideAndRegister } from '../../../simulators/clients/xds-source.ts';
import { openStore } from '../../../simulators/store/open-store.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from '../../../simulators/xds/config.ts';
import { startXds, XDS_PATHS, type XdsSimulator } from '../../../simulators/xds/server.ts';
import type { StepContext } from '../../engine/dsl.ts';
import { sut } from '../../engine/scripted.ts';
import type { SutProfile } from '../../profiles/profile.ts';
import { profileManifest } from './steps/manifest-source.ts';

let xds: XdsSimulator;
let kos: Buffer;

beforeAll(async () => {
  const store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-manifest-src-')), 'xds.sqlite')}`);
  xds = await startXds({ store, config: xdsConfig({ acceptAnyPatient: true }) });
  const s = kosSubmission();
  kos = s.kos;
  const de = s.submission.objects.documentEntries[0]!;
  const r = await provideAndRegister(
    `${xds.url}${XDS_PATHS.repository}`,
    { ...s.submission, documents: [{ id: de.id, content: kos, path: '' }] },
    () => undefined,
  );
  expect(r.call.ok).toBe(true);
});
afterAll(() => xds?.stop());

function ctxFor(profile: SutProfile): { ctx: StepContext; recorded: Exchange[] } {
  const recorded: Exchange[] = [];
  const ctx = {
    sut: profile,
    evidence: { exchange: async (e: Exchange) => (recorded.push(e), e.id), attach: async () => 'a' },
  } as unknown as StepContext;
  return { ctx, recorded };
}

const endpoints = () => ({ registry: `${xds.url}${XDS_PATHS.registry}`, repository: `${xds.url}${XDS_PATHS.repository}` });

describe('the manifest from the SUT registry/repository', () => {
  test('by documentUniqueId alone: ITI-18 GetDocuments for its repository, then ITI-43, both recorded', async () => {
    const { ctx, recorded } = ctxFor(sut({ endpoints: endpoints(), manifest: { documentUniqueId: EXAMPLE_MANIFEST_UID } }));
    const got = await profileManifest(ctx);
    expect(got && 'bytes' in got && Buffer.compare(got.bytes, kos)).toBe(0);
    expect(got).toMatchObject({ origin: `repository ${DEFAULT_REPOSITORY_UID}, document ${EXAMPLE_MANIFEST_UID} (ITI-43)` });
    expect(recorded.map((e) => e.transaction)).toEqual(['ITI-18', 'ITI-43']);
  });

  test('with repositoryUniqueId given: ITI-43 only', async () => {
    const { ctx, recorded } = ctxFor(
      sut({ endpoints: endpoints(), manifest: { documentUniqueId: EXAMPLE_MANIFEST_UID, repositoryUniqueId: DEFAULT_REPOSITORY_UID } }),
    );
    const got = await profileManifest(ctx);
    expect(got && 'bytes' in got && got.bytes.length).toBe(kos.length);
    expect(recorded.map((e) => e.transaction)).toEqual(['ITI-43']);
  });

  test('an unknown document, or no repository endpoint, is a problem that says what is missing', async () => {
    const unknown = await profileManifest(ctxFor(sut({ endpoints: endpoints(), manifest: { documentUniqueId: '2.25.1' } })).ctx);
    expect(unknown).toMatchObject({ problem: expect.stringMatching(/^ITI-18 GetDocuments for 2\.25\.1 at .* gave no DocumentEntry/) });
    const noRepo = await profileManifest(
      ctxFor(sut({ endpoints: { registry: endpoints().registry }, manifest: { documentUniqueId: '2.25.1' } })).ctx,
    );
    expect(noRepo).toEqual({
      problem: 'the SUT profile names manifest.documentUniqueId but has no endpoints.repository to retrieve it from (ITI-43)',
    });
  });
});
