// `mcwg send hl7 FILE... --to host:port`: the RIS as sender. Sends each message over MLLP and
// prints the ACK; exit 1 when an ACK is not AA/CA or its MSA-2 does not echo MSH-10 (RIS-003).
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import { parseEr7 } from '../../protocols/hl7v2/er7-parser.ts';
import { valueAt } from '../../protocols/hl7v2/message.ts';
import { sendHl7 } from '../../simulators/ris/client.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Register } from '../program.ts';
import { intOption } from '../simulate-lifecycle.ts';

export const registerSend: Register = (program, io, setExit) => {
  const send = program.command('send').description('send messages to a system under test, as an actor would');
  send
    .command('hl7')
    .description('send HL7 v2 ER7 messages over MLLP (one message per file, or MLLP-framed) and print each ACK')
    .argument('<files...>', 'ER7 files; LF line ends are converted to CR')
    .requiredOption('--to <HOST:PORT>', 'the MLLP listener of the system under test')
    .addOption(new Option('--timeout <MS>', 'how long to wait for each ACK').default('10000'))
    .addHelpText('after', '\nExample:\n  mcwg send hl7 report.hl7 --to 127.0.0.1:2575')
    .action(async (files: string[], opts: { to: string; timeout: string }) => {
      const m = /^(.+):(\d+)$/.exec(opts.to);
      if (!m) throw new UsageError(`--to ${opts.to}: expected HOST:PORT`);
      const port = intOption('--to port', m[2]!, 1, 65535);
      const messages = files.flatMap((f) => readMessages(f));
      const r = await sendHl7({ host: m[1]!, port, timeoutMs: intOption('--timeout', opts.timeout, 1, 3_600_000) }, messages);
      let code: number = EXIT.ok;
      r.exchanges.forEach((ex, i) => {
        const ack = r.acks[i];
        if (!ack) {
          io.err(`${ex.transaction}: ${ex.error ?? 'no ACK'}\n`);
          code = EXIT.failures;
          return;
        }
        io.out(`${ack.raw.toString('utf8').replace(/\r/g, '\n')}\n`);
        const sent = messages[i] ? controlIdOf(messages[i]) : '';
        if (!['AA', 'CA'].includes(ack.code) || ack.controlId !== sent) {
          io.err(
            `${ex.transaction} ${sent}: ACK ${ack.code || '(none)'} for MSA-2 ${JSON.stringify(ack.controlId)}${ack.errors.length ? `: ${ack.errors.join('; ')}` : ''}\n`,
          );
          code = EXIT.failures;
        }
      });
      if (r.exchanges.length < messages.length) code = EXIT.failures;
      setExit(code);
    });
};

/** One file may hold several MLLP frames, or one plain message. */
function readMessages(file: string): Buffer[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  if (bytes[0] === 0x0b)
    return bytes
      .toString('latin1')
      .split('\x1c\r')
      .filter((s) => s.trim())
      .map((s) => Buffer.from(s.replace(/^[\s\x0b]+/, ''), 'latin1'));
  return [Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r').replace(/\r+$/, '\r'), 'latin1')];
}

function controlIdOf(b: Buffer): string {
  const r = parseEr7(b);
  return r.ok ? valueAt(r.message, 'MSH-10') : '';
}
