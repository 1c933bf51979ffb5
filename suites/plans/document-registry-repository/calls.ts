// Our Document Source / Consumer calls to the SUT, each recorded as evidence of the step:
// ITI-41 to its repository, ITI-18 to its registry, ITI-43 to its repository.
import type { Exchange } from '../../../model/exchange.ts';
import {
  DE,
  externalIdOf,
  slotValues,
  type AdhocQueryResponse,
  type DocumentEntry,
  type RegistryResponse,
} from '../../../protocols/ebrim/index.ts';
import { provideAndRegister } from '../../../simulators/clients/xds-source.ts';
import { param, retrieveDocuments, storedQuery, type RetrievedDocument } from '../../../simulators/clients/xds-consumer.ts';
import { QUERY } from '../../../simulators/xds/stored-query.ts';
import type { StepContext } from '../../engine/dsl.ts';
import { clientTls } from '../common/client-tls.ts';
import type { BuiltSubmission } from '../common/iti41-submission.ts';

export function endpoint(ctx: StepContext, name: 'registry' | 'repository'): string {
  const url = ctx.sut.endpoints[name];
  if (!url) throw new Error(`the SUT profile has no endpoints.${name}`);
  return url;
}

/** The CX of the first patient of the SUT's affinity domain, and one it never registered. */
export function patients(ctx: StepContext): { known: string; unknown: string } {
  const d = ctx.sut.patientIdDomains.find((x) => (x.patients ?? []).length > 0);
  if (!d) throw new Error('the SUT profile lists no patient in patientIdDomains[].patients');
  return { known: `${d.patients![0]!}^^^&${d.issuer}&ISO`, unknown: `MCWG-UNKNOWN-${Date.now().toString(36)}^^^&${d.issuer}&ISO` };
}

async function recorded<T>(ctx: StepContext, fn: (record: (e: Exchange) => void) => Promise<T>): Promise<{ value: T; ids: string[] }> {
  const list: Exchange[] = [];
  const value = await fn((e) => void list.push(e));
  const ids: string[] = [];
  for (const e of list) ids.push(await ctx.evidence.exchange(e));
  return { value, ids };
}

export interface Submitted {
  response?: RegistryResponse;
  exchange: Exchange;
  /** Why no RegistryResponse came back (fault, transport), when none did. */
  error?: string;
}

export async function submit(ctx: StepContext, s: BuiltSubmission): Promise<Submitted> {
  const { value } = await recorded(ctx, (rec) =>
    provideAndRegister(endpoint(ctx, 'repository'), s.request, rec, 'ITI-41', clientTls(ctx.sut)),
  );
  const out: Submitted = { exchange: value.call.exchange };
  if (value.response) out.response = value.response;
  else out.error = value.call.ok ? 'the answer is not a RegistryResponse' : value.call.error;
  return out;
}

export async function findDocuments(
  ctx: StepContext,
  patientCx: string,
  opts: { noPatient?: boolean } = {},
): Promise<{ response?: AdhocQueryResponse; exchange: Exchange; error?: string }> {
  const params = [param('$XDSDocumentEntryStatus', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')];
  if (!opts.noPatient) params.unshift({ name: '$XDSDocumentEntryPatientId', values: [`'${patientCx}'`], path: '' });
  const { value } = await recorded(ctx, (rec) =>
    storedQuery(endpoint(ctx, 'registry'), QUERY.FindDocuments, params, rec, 'LeafClass', clientTls(ctx.sut)),
  );
  return {
    ...(value.response ? { response: value.response } : { error: value.call.ok ? 'not an AdhocQueryResponse' : value.call.error }),
    exchange: value.call.exchange,
  };
}

export async function getDocuments(
  ctx: StepContext,
  uniqueIds: string[],
): Promise<{ response?: AdhocQueryResponse; exchange: Exchange; error?: string }> {
  const { value } = await recorded(ctx, (rec) =>
    storedQuery(
      endpoint(ctx, 'registry'),
      QUERY.GetDocuments,
      [param('$XDSDocumentEntryUniqueId', ...uniqueIds)],
      rec,
      'LeafClass',
      clientTls(ctx.sut),
    ),
  );
  return {
    ...(value.response ? { response: value.response } : { error: value.call.ok ? 'not an AdhocQueryResponse' : value.call.error }),
    exchange: value.call.exchange,
  };
}

export async function retrieve(
  ctx: StepContext,
  documentUniqueId: string,
  repositoryUniqueId: string,
): Promise<{ documents: RetrievedDocument[]; status?: string; errors: string[]; exchange: Exchange; error?: string }> {
  const { value } = await recorded(ctx, (rec) =>
    retrieveDocuments(endpoint(ctx, 'repository'), [{ documentUniqueId, repositoryUniqueId }], rec, clientTls(ctx.sut)),
  );
  const r = value.response?.response;
  return {
    documents: value.documents,
    ...(r ? { status: r.status } : {}),
    errors: r?.errors.map((e) => e.errorCode) ?? [],
    exchange: value.call.exchange,
    ...(value.call.ok ? {} : { error: value.call.error }),
  };
}

export const uniqueIdOf = (e: DocumentEntry): string | undefined => externalIdOf(e, DE.uniqueId)?.value;
export const slot1 = (e: DocumentEntry, name: string): string | undefined => slotValues(e, name)[0];

export { exchangeFinding as finding } from '../common/step-kit.ts';
