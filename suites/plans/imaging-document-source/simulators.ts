// The simulators this plan talks through: our lenient XDS registry + repository (`xds`) that
// the SUT publishes its manifest to (shared with other plans: ../common/xds-simulator.ts), and
// the TLS servers that check the SUT's handling of server certificates (../common/initiator-tls.ts).
import { withTlsTraps } from '../common/initiator-tls.ts';
import { startLenientXds } from '../common/xds-simulator.ts';

export const startPlanSimulators = withTlsTraps(startLenientXds, 'xds');
