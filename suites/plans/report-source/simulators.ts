// The simulators this plan talks through: our RIS receiver (`ris`, MLLP on port 0), and the
// MLLP-over-TLS servers (mllps://) that check the SUT's handling of server certificates and TLS
// versions (../common/initiator-tls.ts; the valid one pipes to `ris`). The receiver's record
// names each exchange by message type ('HL7 ORU^R01', 'HL7 (framing error)'); the plan waits
// for the first HL7 exchange the SUT causes, whatever it is, so the view it gets names them
// all 'HL7' (the message type stays in the request summary, the MSH line).
import type { Simulator } from '../../../model/exchange.ts';
import { startRis } from '../../../simulators/ris/index.ts';
import { hl7CtxOf } from '../../../validators/hl7v2/view.ts';
import { accessionOfProfile, type SutProfile } from '../../profiles/profile.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';

export const HL7 = 'HL7';

/** The receiver answers by the deployment's accession setting (the profile's hl7, RIS-006). */
async function startReceiver(opts: { sut?: Pick<SutProfile, 'hl7'> }): Promise<Record<string, Simulator>> {
  const ris = await startRis(opts.sut ? hl7CtxOf(accessionOfProfile(opts.sut)) : {});
  return { ris: { url: ris.url, exchanges: () => ris.exchanges().map((e) => ({ ...e, transaction: HL7 })), stop: () => ris.stop() } };
}

export const startPlanSimulators = withTlsTraps(startReceiver, 'ris');
