// ITI-42 Register Document Set-b sent to the SUT registry, as a separate Document Repository
// would after storing the bytes: the registry accepts the metadata (with the repository's
// hash, size and repositoryUniqueId slots), the entry is then found by GetDocuments, and
// metadata without repositoryUniqueId gets the XDS error (XDSRegistryMetadataError) in the
// ITI-42 answer, the error a repository relays to its source (XDS-011). The catalogue's full
// check (a SUT repository relaying our registry simulator's error) needs a repository that
// registers with a registry of our choosing: not tested here.
import { XDS_ACTION } from '../../../../protocols/ebrim/constants.ts';
import { STATUS, writeSubmitObjectsRequest, type SubmitObjectsRequest } from '../../../../protocols/ebrim/index.ts';
import { slot } from '../../../../fixtures/builders/ebrim-objects.ts';
import { param } from '../../../../simulators/clients/xds-consumer.ts';
import { callSoap } from '../../../../simulators/clients/xds-soap.ts';
import { registryResponseOf } from '../../../../simulators/clients/xds-source.ts';
import { withClientTls } from '../../common/client-tls.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import type { Finding } from '../../../../model/finding.ts';
import { defineStep, type StepContext, type StepDef } from '../../../engine/dsl.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';
import { endpoint, finding, patients } from '../calls.ts';
import { recorded } from '../../common/step-kit.ts';
import { query } from './query-kit.ts';

const RULE = 'drr.register.iti42';

/** The metadata of a submission as ITI-42 carries it: no documents, the repository's slots on the entry. */
function registerRequest(patientCx: string, repositoryUniqueId: string): { request: SubmitObjectsRequest; uniqueId: string } {
  const s = buildSubmission({ patientCx });
  const { documents: _bytes, ...request } = s.request;
  const de = request.objects.documentEntries[0]!;
  de.slots = [...de.slots.filter((x) => x.name !== 'repositoryUniqueId'), slot('repositoryUniqueId', repositoryUniqueId)];
  return { request: request as SubmitObjectsRequest, uniqueId: s.uniqueId };
}

async function register(ctx: StepContext, request: SubmitObjectsRequest) {
  const call = await recorded(ctx, (rec) =>
    callSoap(
      {
        url: endpoint(ctx, 'registry'),
        action: XDS_ACTION.register,
        transaction: 'ITI-42',
        bodyXml: writeSubmitObjectsRequest(request),
        ...withClientTls(ctx.sut),
      },
      rec,
    ),
  );
  return { ...registryResponseOf(call), exchange: call.exchange, error: call.ok ? undefined : call.error };
}

export function registerDocumentSet(): StepDef {
  return defineStep({
    id: 'register-document-set',
    title: 'ITI-42 registers metadata and answers bad metadata with the XDS error code',
    verifies: ['XDS-011'],
    async run(ctx) {
      const { known } = patients(ctx);
      const repositoryUniqueId = ctx.sut.oids?.repositoryUniqueId ?? '1.3.6.1.4.1.21367.2017.2.3.99';
      const out: Finding[] = [];
      const ok = registerRequest(known, repositoryUniqueId);
      const r = await register(ctx, ok.request);
      if (r.response?.status !== STATUS.success) {
        out.push(
          finding(
            RULE,
            ['XDS-011'],
            r.exchange,
            'RegistryResponse/@status',
            `Register Document Set-b of conformant metadata was not accepted: ${r.response ? `${r.response.status} [${r.response.errors.map((e) => e.errorCode).join(', ')}]` : (r.error ?? 'no RegistryResponse')}`,
          ),
        );
      } else {
        const q = await query(ctx, QUERY.GetDocuments, [param('$XDSDocumentEntryUniqueId', ok.uniqueId)]);
        if (!q.uniqueIds.includes(ok.uniqueId))
          out.push(
            finding(
              RULE,
              ['XDS-011'],
              q.exchange,
              'rim:RegistryObjectList',
              `the entry registered by ITI-42 (uniqueId ${ok.uniqueId}) is not returned by GetDocuments`,
            ),
          );
      }
      // The slot only ITI-42 requires (an ITI-41 repository adds it itself): without it the
      // registry answers the XDS error its repository would relay to the source.
      const bare = registerRequest(known, repositoryUniqueId).request;
      const entry = bare.objects.documentEntries[0]!;
      entry.slots = entry.slots.filter((x) => x.name !== 'repositoryUniqueId');
      const bad = await register(ctx, bare);
      const codes = bad.response?.errors.map((e) => e.errorCode) ?? [];
      if (bad.response?.status !== STATUS.failure || !codes.includes('XDSRegistryMetadataError')) {
        out.push(
          finding(
            RULE,
            ['XDS-011'],
            bad.exchange,
            'RegistryResponse',
            `ITI-42 without repositoryUniqueId: expected Failure with XDSRegistryMetadataError; got ${bad.response ? `${bad.response.status} [${codes.join(', ')}]` : (bad.error ?? 'nothing')}`,
          ),
        );
      }
      return ctx.fromFindings(out);
    },
  });
}
