// The simulator this plan talks through: our RIS receiver (`ris`, MLLP on port 0). Its record
// names each exchange by message type ('HL7 ORU^R01', 'HL7 (framing error)'); the plan waits
// for the first HL7 exchange the SUT causes, whatever it is, so the view it gets names them
// all 'HL7' (the message type stays in the request summary, the MSH line).
import type { Simulator } from '../../../model/exchange.ts';
import { startRis } from '../../../simulators/ris/index.ts';

export const HL7 = 'HL7';

export async function startPlanSimulators(): Promise<Record<string, Simulator>> {
  const ris = await startRis({});
  return { ris: { url: ris.url, exchanges: () => ris.exchanges().map((e) => ({ ...e, transaction: HL7 })), stop: () => ris.stop() } };
}
