// `mcwg simulate wia`: the WIA facade (QIDO-RS + WADO-RS for local DICOMweb viewers) in front of
// an affinity domain's registry/repository (ITI-18 / ITI-43), or of a local XDS store with our
// registry mounted beside it on the same port (--store / --data), until SIGINT/SIGTERM.
import { startSimulators } from '../../simulators/kit/start.ts';
import type { HttpSimulator } from '../../simulators/kit/http.ts';
import type { XdsStore } from '../../simulators/store/types.ts';
import { registryBackend, storeBackend } from '../../simulators/wia/backend.ts';
import { wiaFacadeSimulator } from '../../simulators/wia/server.ts';
import { xdsConfig } from '../../simulators/xds/config.ts';
import { xdsSimulator } from '../../simulators/xds/server.ts';
import { UsageError } from '../errors.ts';
import { openStoreOption, portOption, serveUntilSignal, storeSpecOf } from '../simulate-lifecycle.ts';
import { logExchange } from './simulate-mhd.ts';
import type { RegisterSimulator } from './simulate.ts';

interface Opts {
  port: string;
  registry?: string;
  repository?: string;
  store?: string;
  data: string;
  issuer: string;
  location: string[];
}

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;

export const registerSimulateWia: RegisterSimulator = (simulate, io) => {
  simulate
    .command('wia')
    .description(
      "run a WIA facade: QIDO-RS answered from the registry's manifests (one patient per query), WADO-RS forwarded to the source each manifest names",
    )
    .option('--port <N>', 'TCP port on 127.0.0.1 (0 = a free one)', '0')
    .option('--registry <URL>', 'ITI-18 endpoint of the affinity domain (with --repository)')
    .option('--repository <URL>', 'ITI-43 endpoint that returns the manifests')
    .option('--store <SPEC>', 'without --registry: read this XDS store and serve our registry/repository beside the facade (/xds/…)')
    .option('--data <DIR>', 'folder of the default SQLite store (sqlite:DIR/xds.sqlite)', '.mcwg/xds')
    .requiredOption('--issuer <OID>', "issuer of the affinity domain's patient IDs (a PatientID without issuer is taken as this one's)")
    .option(
      '--location <UID=URL>',
      'Retrieve Location UID -> DICOMweb base, for manifests without Retrieve URL (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .addHelpText(
      'after',
      `
Examples:
  mcwg simulate wia --issuer 1.3.6.1.4.1.21367.13.20.1000 --registry https://reg.example.org/xds/registry --repository https://reg.example.org/xds/repository
  mcwg simulate wia --issuer 1.2.3 --data out/xds --port 8080     # facade /wia/dicom-web + registry /xds/… on 8080
  curl 'http://127.0.0.1:8080/wia/dicom-web/studies?PatientID=PAT-0001'`,
    )
    .action(async (o: Opts) => {
      const port = portOption(o.port);
      if (!OID.test(o.issuer)) throw new UsageError(`--issuer ${o.issuer}: not an OID`);
      if (Boolean(o.registry) !== Boolean(o.repository)) throw new UsageError('give --registry and --repository together');
      const locations: Record<string, string> = {};
      for (const l of o.location) {
        const m = /^([0-9.]+)=(https?:\/\/.+)$/.exec(l);
        if (!m) throw new UsageError(`--location ${l}: expected UID=http(s)://…`);
        locations[m[1]!] = m[2]!.replace(/\/+$/, '');
      }
      let store: XdsStore | undefined;
      const plugins: HttpSimulator[] = [];
      if (o.registry && o.repository) {
        plugins.push(
          wiaFacadeSimulator({
            backend: registryBackend({ registry: o.registry, repository: o.repository }),
            issuerOid: o.issuer,
            locations,
          }),
        );
      } else {
        store = await openStoreOption(storeSpecOf(o));
        plugins.push(
          wiaFacadeSimulator({ backend: storeBackend(store), issuerOid: o.issuer, locations }),
          xdsSimulator({ store, config: xdsConfig({ acceptAnyPatient: true }) }) as HttpSimulator,
        );
      }
      const running = await startSimulators({
        plugins,
        port,
        ...(store ? { store, closeStore: true } : {}),
        onExchange: (name, e) => logExchange(io, name)(e),
      }).catch(async (err: unknown) => {
        await store?.close();
        throw err;
      });
      await serveUntilSignal(io, 'wia', running);
    });
};
