// The RIS simulator as a kit MLLP simulator: its table names the message types it takes (the
// validator's supported structures) and hands each frame to the core; the kit frames bytes,
// writes the ACKs and records every message in and out as an Exchange.
import type { Payload } from '../../model/exchange.ts';
import { encode } from '../../protocols/hl7v2/charset.ts';
import { STRUCTURES } from '../../validators/hl7v2/rules/message-type.ts';
import {
  defineMllpSimulator,
  HL7_ER7,
  startMllp,
  type MllpReply,
  type MllpServerOptions,
  type MllpSimulator,
  type RunningMllp,
} from '../kit/mllp.ts';
import { ExchangeRecorder, payloadOf, type ExchangeSink } from '../kit/recorder.ts';
import { onFrame, onFramingError, type CoreReply, type RisCoreOptions } from './core.ts';

export interface RisOptions extends RisCoreOptions, Omit<MllpServerOptions, 'recorder' | 'store'> {
  /** Bodies up to this size are kept inline in the evidence; larger ones by hash only. */
  inlineBodyBytes?: number;
  /** Where the evidence persists (the simulator store); in memory only without it. */
  evidence?: ExchangeSink;
}

export type RisSimulator = RunningMllp;

const encoded = (r: CoreReply): MllpReply => ({ transaction: r.transaction, acks: r.acks.map((a) => encode(a, r.charset)) });

export function risSimulator(opts: RisCoreOptions = {}): MllpSimulator {
  // One row per supported message type; the core validates and acknowledges them all the same way.
  const handle = (bytes: Buffer) => encoded(onFrame(bytes, opts));
  return defineMllpSimulator({
    name: 'ris',
    rows: Object.keys(STRUCTURES).map((messageType) => ({ messageType, transaction: `HL7 ${messageType}`, handle })),
    // Unknown types still go to the core: it answers AR with the table 0357 code (200/201).
    unmatched: handle,
    framingError: (problem, detail, head) =>
      encoded(problem === 'internal' ? onFramingError('truncated', detail, head, opts) : onFramingError(problem, detail, head, opts)),
    print: ['HL7v2'],
  });
}

export function startRis(opts: RisOptions = {}): Promise<RisSimulator> {
  const { evidence, inlineBodyBytes, ...server } = opts;
  const recorder = new ExchangeRecorder({
    ...(evidence ? { sink: evidence } : {}),
    ...(inlineBodyBytes === undefined ? {} : { inlineLimit: inlineBodyBytes }),
  });
  return startMllp(risSimulator(opts), { ...server, recorder });
}

/** An HL7 v2 message as evidence (the client's side uses the same policy). */
export function payload(bytes: Buffer, inline: number, summary: string): Payload {
  return payloadOf({ summary, contentType: HL7_ER7, body: bytes, encoding: 'latin1' }, inline);
}
