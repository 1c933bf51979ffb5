// The exchanges whose audits the Responding Gateway must send (SEC-003/004): one Cross Gateway
// Query (ITI-38) for the profile's patient, one Cross Gateway Retrieve (ITI-39) of the entry the
// find test found and, with the RAD-69 option, one RAD-75 of the first instance of the
// community's manifest, performed now as an initiating gateway would, each audited by the SUT
// (Query; Export as the data's source).
import type { Exchange } from '../../../model/exchange.ts';
import { crossGatewayQueryCall, crossGatewayRetrieveCall, crossGatewayRetrieveImagingCall } from '../../../simulators/xca/client.ts';
import type { AuditProbe } from '../common/audit-steps.ts';
import { clientTls } from '../common/client-tls.ts';
import { endpoint, findDocuments, homeOf, patientOf } from './calls.ts';
import type { PlanState } from './state.ts';
import { firstInstance } from './steps/retrieve-imaging.ts';

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
    if ((ctx.sut.options as string[]).includes('RAD-69') && state.manifest) {
      // The manifest read to find the instance is not one whose audit is checked here.
      const m = await crossGatewayRetrieveCall(
        endpoint(ctx, 'xcaRetrieve'),
        [{ homeCommunityId: home, repositoryUniqueId: state.manifest.repositoryUniqueId, documentUniqueId: state.manifest.uniqueId }],
        () => undefined,
        undefined,
        tls,
      );
      const kos = m.documents.find((d) => d.documentUniqueId === state.manifest!.uniqueId)?.data;
      const want = kos && firstInstance(kos, home);
      if (want && typeof want !== 'string')
        await crossGatewayRetrieveImagingCall(
          endpoint(ctx, 'xcaRetrieve'),
          { requests: [want], transferSyntaxUids: [] },
          rec,
          undefined,
          tls,
        );
    }
    // Only what the SUT answered: an unreachable gateway is the other tests' verdict.
    return list.filter((e) => e.response && !e.unreachable);
  };
}
