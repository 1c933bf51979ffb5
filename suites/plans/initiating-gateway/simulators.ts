// The plan's simulators: our communities (`federation`, communities.ts) and, beside them, the TLS
// servers that check the gateway's ITI-38 as a TLS client (../common/initiator-tls.ts); the valid
// one pipes to `federation`, so an ITI-38 sent to it at communityPath gets community a's answer.
import { respondingPaths } from '../../../simulators/xca/server.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';
import { startCommunities } from './communities.ts';

/** Where on a TLS server the gateway sends its ITI-38: community a's query path. */
export const communityPath = respondingPaths('a').query;

export const startIgSimulators = withTlsTraps(startCommunities, 'federation');
