// The exchanges whose audits the Responding Gateway must send (SEC-003/004): one Cross Gateway
// Query (ITI-38) for the profile's patient and one Cross Gateway Retrieve (ITI-39) of the entry
// the find test found, performed now as an initiating gateway would, each audited by the SUT
// (Query; Export as the data's source).
import type { Exchange } from '../../../model/exchange.ts';
import { crossGatewayQueryCall, crossGatewayRetrieveCall } from '../../../simulators/xca/client.ts';
import type { AuditProbe } from '../common/audit-steps.ts';
import { clientTls } from '../common/client-tls.ts';
import { endpoint, findDocuments, homeOf, patientOf } from './calls.ts';
import type { PlanState } from './state.ts';

export function gatewayProbe(state: PlanState): AuditProbe {
  return async (ctx) => {
    const list: Exchange[] = [];
    const rec = (e: Exchange) => void list.push(e);
    const tls = clientTls(ctx.sut);
    const home = homeOf(ctx);
    await crossGatewayQueryCall(endpoint(ctx, 'xcaQuery'), { ...findDocuments(patientOf(ctx), home), ...(tls ? { tls } : {}) }, rec);
    if (state.found)
      await crossGatewayRetrieveCall(
        endpoint(ctx, 'xcaRetrieve'),
        [{ homeCommunityId: home, repositoryUniqueId: state.found.repositoryUniqueId, documentUniqueId: state.found.uniqueId }],
        rec,
        undefined,
        tls,
      );
    // Only what the SUT answered: an unreachable gateway is the other tests' verdict.
    return list.filter((e) => e.response && !e.unreachable);
  };
}
