// `mcwg simulate ris --port N`: the RIS receiver on loopback; ACKs every HL7 message per validation.
import { Option } from 'commander';
import { startRis } from '../../simulators/ris/server.ts';
import { UsageError } from '../errors.ts';
import type { RegisterSimulator } from './simulate.ts';

export const registerSimulateRis: RegisterSimulator = (simulate, io) => {
  simulate
    .command('ris')
    .description('HL7 v2 MLLP receiver: answers AA/AE/AR (or CA/CR in enhanced mode) with ERR per validation finding')
    .addOption(new Option('--port <N>', 'TCP port (0: a free one)').default('0'))
    .addOption(new Option('--host <HOST>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--max-frame <BYTES>', 'largest message accepted; larger frames get a NAK').default(String(4 * 1024 * 1024)))
    .addOption(new Option('--accession-field <FIELD>', 'field carrying the accession number').choices(['OBR-18', 'OBR-3']).default('OBR-18'))
    .addHelpText('after', '\nExample:\n  mcwg simulate ris --port 2575\n  mcwg send hl7 report.hl7 --to 127.0.0.1:2575')
    .action(async (opts: { port: string; host: string; maxFrame: string; accessionField: string }) => {
      const port = intOption('--port', opts.port, 0, 65535);
      const maxFrameBytes = intOption('--max-frame', opts.maxFrame, 1, 2 ** 31);
      const ris = await startRis({ port, host: opts.host, maxFrameBytes, accessionField: opts.accessionField });
      io.out(`HL7v2 ${ris.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          io.err(`stopping; ${ris.exchanges().length} exchange(s) recorded\n`);
          void ris.stop().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
};

export function intOption(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} ${text}: expected an integer from ${min} to ${max}`);
  return n;
}
