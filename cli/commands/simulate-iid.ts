// `mcwg simulate iid`: an IHE IID Image Display (a server-side viewer) until SIGINT/SIGTERM. It
// shows studies of a WADO-RS source: an external one (--source), or a folder of Part 10 files
// served by our WADO-RS simulator on the same port (--data). Viewers require an IUA bearer
// token signed by a key of --jwks (IID-006).
import { stat } from 'node:fs/promises';
import { loadJwks } from '../../simulators/auth/index.ts';
import type { HttpSimulator } from '../../simulators/kit/http.ts';
import { startSimulators } from '../../simulators/kit/start.ts';
import { bearerAuthentication, imageDisplaySimulator } from '../../simulators/iid/server.ts';
import { BASE_PATH, wadoRsSimulator } from '../../simulators/wado-rs/index.ts';
import { indexFolder } from '../../simulators/wado-rs/store.ts';
import { UsageError } from '../errors.ts';
import { portOption, serveUntilSignal } from '../simulate-lifecycle.ts';
import { logExchange } from './simulate-mhd.ts';
import type { RegisterSimulator } from './simulate.ts';

interface Opts {
  port: string;
  source?: string;
  data?: string;
  jwks: string;
  audience: string;
  issuer?: string;
}

export const registerSimulateIid: RegisterSimulator = (simulate, io) => {
  simulate
    .command('iid')
    .description('run an IHE IID Image Display (RAD-106): a viewer page for a study of a WADO-RS source, for IUA-authenticated users only')
    .option('--port <N>', 'TCP port on 127.0.0.1 (0 = a free one)', '0')
    .option('--source <URL>', 'DICOMweb base of the WADO-RS source (metadata and /rendered)')
    .option('--data <DIR>', 'instead of --source: serve this folder of Part 10 files by our WADO-RS simulator on the same port')
    .requiredOption('--jwks <FILE|URL>', 'keys a bearer token must be signed with (e.g. from `mcwg fixtures token`)')
    .option('--audience <AUD>', 'the aud a token must carry', 'mcwg-iid')
    .option('--issuer <ISS>', 'the iss a token must carry (default: any issuer of --jwks)')
    .addHelpText(
      'after',
      `
Examples:
  mcwg fixtures study out/study && mcwg simulate iid --data out/study --jwks out/keys/jwks.json
  mcwg simulate iid --source https://pacs.example.org/dicom-web --jwks https://idp.example.org/jwks --issuer https://idp.example.org
  open 'http://127.0.0.1:PORT/iid/IHEInvokeImageDisplay?requestType=STUDY&studyUID=1.2.3…' with an Authorization: Bearer header`,
    )
    .action(async (o: Opts) => {
      const port = portOption(o.port);
      if (Boolean(o.source) === Boolean(o.data)) throw new UsageError('give --source or --data (one of them)');
      if (
        o.data &&
        !(await stat(o.data).then(
          (s) => s.isDirectory(),
          () => false,
        ))
      )
        throw new UsageError(`--data ${o.data}: not a readable folder`);
      const keys = await loadJwks(o.jwks).catch((err: unknown) => {
        throw new UsageError(`--jwks ${o.jwks}: ${(err as Error).message}`);
      });
      const authenticate = bearerAuthentication({ keys, audience: o.audience, ...(o.issuer ? { issuer: o.issuer } : {}) });
      const plugins: HttpSimulator[] = [imageDisplaySimulator({ source: o.source ?? BASE_PATH, authenticate }) as HttpSimulator];
      if (o.data) plugins.push(wadoRsSimulator({ store: await indexFolder(o.data) }) as HttpSimulator);
      const running = await startSimulators({ plugins, port, onExchange: (name, e) => logExchange(io, name)(e) });
      await serveUntilSignal(io, 'iid', running);
    });
};
