// What steps see of the evidence bundle: record an exchange or an attachment, get its id.
// The engine collects the ids per step; with no bundle (no --out) only the ids are kept.
import type { Exchange } from '../../model/exchange.ts';
import type { BodySource, ExchangeBodies, StepRecord } from '../../reports/evidence/writer.ts';

export interface EvidenceSink {
  addExchange(ex: Exchange, bodies?: ExchangeBodies): Promise<unknown>;
  addAttachment(name: string, source: BodySource, contentType?: string): Promise<unknown>;
  addStep(rec: StepRecord): Promise<void>;
}

export interface EvidenceRecorder {
  /** Stores the exchange (once per id) and cites it in the current step. */
  exchange(ex: Exchange, bodies?: ExchangeBodies): Promise<string>;
  /** Stores an artefact (a validator input or output) and cites it in the current step. */
  attach(name: string, source: BodySource, contentType?: string): Promise<string>;
}

/** A sink that stores nothing: runs without --out. */
export const NULL_SINK: EvidenceSink = {
  addExchange: async () => undefined,
  addAttachment: async () => undefined,
  addStep: async () => undefined,
};

/**
 * A step's recorder. Once the step has ended (a timeout does not stop a step's code) it
 * refuses to write: an object stored after the manifest would break the bundle.
 */
export function stepRecorder(sink: EvidenceSink, cite: (id: string) => void, isOpen: () => boolean): EvidenceRecorder {
  const check = () => {
    if (!isOpen()) throw new Error('evidence recorder closed: the step has already ended');
  };
  return {
    async exchange(ex, bodies) {
      check();
      await sink.addExchange(ex, bodies);
      cite(ex.id);
      return ex.id;
    },
    async attach(name, source, contentType) {
      check();
      await sink.addAttachment(name, source, contentType);
      cite(name);
      return name;
    },
  };
}
