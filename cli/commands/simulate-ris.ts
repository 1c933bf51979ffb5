// `mcwg simulate ris --port N`: the RIS receiver on loopback; ACKs every HL7 message per validation.
import { Option } from 'commander';
import type { RisStrictness } from '../../simulators/ris/core.ts';
import { startRis } from '../../simulators/ris/server.ts';
import { DEFAULT_FRAME_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from '../../simulators/kit/mllp.ts';
import { hl7CtxOf } from '../../validators/hl7v2/view.ts';
import { accessionFromOptions, addAccessionOptions, type AccessionOptions } from './validate-hl7.ts';
import { intOption, openStoreOption, portOption, serveUntilSignal } from '../simulate-lifecycle.ts';
import type { RegisterSimulator } from './simulate.ts';
import { addTlsOptions, tlsServerOf } from './simulate-tls.ts';
import type { TlsFlags } from '../../simulators/tls/options.ts';

export const registerSimulateRis: RegisterSimulator = (simulate, io) => {
  const cmd = simulate
    .command('ris')
    .description('HL7 v2 MLLP receiver: answers AA/AE/AR (or CA/CR in enhanced mode) with ERR per validation finding')
    .addOption(new Option('--port <N>', 'TCP port (0: a free one)').default('0'))
    .addOption(new Option('--host <HOST>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--max-frame <BYTES>', 'largest message accepted; larger frames get a NAK').default(String(4 * 1024 * 1024)))
    .addOption(
      new Option('--idle-timeout <MS>', 'close a connection silent this long (milliseconds)').default(String(DEFAULT_IDLE_TIMEOUT_MS)),
    )
    .addOption(
      new Option(
        '--frame-timeout <MS>',
        'a frame begun (VT) and not ended (FS CR) this long gets an AR NAK and its connection is closed (milliseconds)',
      ).default(String(DEFAULT_FRAME_TIMEOUT_MS)),
    )
    .addOption(
      new Option('--strictness <MODE>', 'strict: LF segment ends answer AE; lenient: recorded as a warning, AA')
        .choices(['strict', 'lenient'])
        .default('strict'),
    )
    .addOption(
      new Option('--store <SPEC>', 'sqlite:FILE or postgres://…: keep every exchange there as evidence (default: in memory only)'),
    );
  addAccessionOptions(addTlsOptions(cmd))
    .addHelpText('after', '\nExample:\n  mcwg simulate ris --port 2575\n  mcwg send hl7 report.hl7 --to 127.0.0.1:2575')
    .action(
      async (
        opts: AccessionOptions & {
          port: string;
          host: string;
          maxFrame: string;
          idleTimeout: string;
          frameTimeout: string;
          strictness: RisStrictness;
          store?: string;
        } & TlsFlags,
      ) => {
        const port = portOption(opts.port);
        const tls = tlsServerOf(opts);
        const maxFrameBytes = intOption('--max-frame', opts.maxFrame, 1, 2 ** 31);
        const store = opts.store ? await openStoreOption(opts.store) : undefined;
        const ris = await startRis({
          port,
          host: opts.host,
          maxFrameBytes,
          idleTimeoutMs: intOption('--idle-timeout', opts.idleTimeout, 1, 2 ** 31 - 1),
          frameTimeoutMs: intOption('--frame-timeout', opts.frameTimeout, 1, 2 ** 31 - 1),
          strictness: opts.strictness,
          ...hl7CtxOf(accessionFromOptions(opts)),
          ...(store ? { evidence: store } : {}),
          ...(tls ? { tls } : {}),
        });
        await serveUntilSignal(
          io,
          'ris',
          { endpoints: ris.endpoints, stop: () => ris.stop().then(() => store?.close()) },
          {
            beforeStop: () => io.err(`stopping; ${ris.recorded()} exchange(s) recorded\n`),
          },
        );
      },
    );
};
