// The simulators of the MHD consumer plan: the consumer plan's seeded registry (`xds`, three
// studies of one patient) and WADO-RS source (`wado`, no QIDO, no metadata), plus our MHD
// Document Responder (`mhd`, FHIR base) holding the same three manifests, published to it by
// ITI-65, for the SUT to find by ITI-67 and retrieve by ITI-68; and the TLS servers that check
// the SUT's handling of server certificates and TLS versions (../common/initiator-tls.ts; the
// valid one pipes to `mhd`).
import { join } from 'node:path';
import type { Simulator } from '../../../model/exchange.ts';
import { tableFromSchemes } from '../../../protocols/fhir/index.ts';
import { bundleFromSubmission, provideDocumentBundle } from '../../../simulators/clients/mhd-source.ts';
import { mhdConfig } from '../../../simulators/mhd/config.ts';
import { startMhd } from '../../../simulators/mhd/index.ts';
import { openStore } from '../../../simulators/store/open-store.ts';
import { xdsConfig } from '../../../simulators/xds/config.ts';
import { loadValueSets } from '../../../validators/catalogue/value-sets.ts';
import { kosSubmission } from '../common/kos-submission.ts';
import { seededOf, startPlanSimulators as startConsumerSimulators } from '../common/imaging-consumer/seeded-xds.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';

async function startSeededMhd(opts: { dataDir: string }): Promise<Record<string, Simulator>> {
  // The target carries a key-image note (KIN-012/013).
  const sims = await startConsumerSimulators({ dataDir: opts.dataDir, keyImages: true });
  const seeded = seededOf(sims)!;
  const store = await openStore(`sqlite:${join(opts.dataDir, 'mhd.sqlite')}`);
  try {
    const mhd = await startMhd({
      store,
      config: mhdConfig({ xds: xdsConfig({ knownPatients: new Set([seeded.patientCx]), strictness: 'lenient' }) }),
    });
    const systems = tableFromSchemes(loadValueSets().schemes);
    for (const [n, s] of seeded.studies.entries()) {
      const r = await provideDocumentBundle(
        mhd.base,
        bundleFromSubmission(
          kosSubmission({
            study: s.study,
            manifest: s.manifest,
            manifestUid: s.manifestUid,
            patientCx: seeded.patientCx,
            sourceId: '2.999.1.32',
            n: n + 1,
          }),
          systems,
        ),
        () => undefined,
      );
      if (r.status !== 200) {
        await mhd.stop();
        throw new Error(`MHD consumer plan: seeding ${s.key} failed: HTTP ${r.status} ${JSON.stringify(r.outcome ?? r.error)}`);
      }
    }
    return { ...sims, mhd: { url: mhd.base, exchanges: () => mhd.exchanges(), stop: () => mhd.stop() } };
  } catch (err) {
    for (const s of Object.values(sims)) await s.stop().catch(() => undefined);
    throw err;
  }
}

export const startPlanSimulators = withTlsTraps(startSeededMhd, 'mhd');
