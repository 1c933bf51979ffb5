// The simulators this plan talks through: our XDS registry/repository and WADO-RS source,
// seeded with three studies (shared with the MHD consumer plan: ../common/imaging-consumer/),
// and the TLS servers that check the SUT's handling of server certificates (../common/initiator-tls.ts).
import { startPlanSimulators as startSeeded } from '../common/imaging-consumer/seeded-xds.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';

export const startPlanSimulators = withTlsTraps(startSeeded, 'xds');
