// What the stored-query semantics steps share: submissions tailored on the conformant one
// (event codes, service start time, referenceIdList), each tagged with an event code unique to
// the step so a query ANDed with it sees only this step's entries (a real registry keeps every
// earlier run), and a recorded stored query with any parameters.
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../../../model/exchange.ts';
import { DE, STATUS, type AdhocQueryResponse, type Slot } from '../../../../protocols/ebrim/index.ts';
import { coded, slot } from '../../../../fixtures/builders/ebrim-objects.ts';
import { storedQuery } from '../../../../simulators/clients/xds-consumer.ts';
import { clientTls } from '../../common/client-tls.ts';
import type { StepContext } from '../../../engine/dsl.ts';
import { buildSubmission, type BuiltSubmission } from '../../common/iti41-submission.ts';
import { endpoint, submit, uniqueIdOf } from '../calls.ts';

export const DCM = '1.2.840.10008.2.16.4';
export const SCT = '2.16.840.1.113883.6.96';
/** Our private scheme for the per-step marker code. */
export const MARK_SCHEME = '2.999.1.1';

export interface Code {
  code: string;
  scheme: string;
  display: string;
}
export const codeKey = (c: Code): string => `${c.code}^^^${c.scheme}`;
export const CT: Code = { code: 'CT', scheme: DCM, display: 'Computed Tomography' };
export const MR: Code = { code: 'MR', scheme: DCM, display: 'Magnetic Resonance' };
// Members of VS-ANATOMIC-REGION: a registry that enforces the MCWG value sets must accept the set-ups.
export const CHEST: Code = { code: '67734004', scheme: SCT, display: 'Upper trunk' };
export const HEAD: Code = { code: '774007', scheme: SCT, display: 'Head and neck' };

/** An event code no other step or run uses. */
export const markerCode = (): Code => ({
  code: `MCWG-${randomUUID().slice(0, 13)}`,
  scheme: MARK_SCHEME,
  display: 'mcwg query test marker',
});

export interface Tailoring {
  eventCodes?: Code[];
  serviceStartTime?: string;
  referenceIds?: string[];
}

/** The conformant submission with the entry's event codes, service start time or referenceIdList replaced. */
export function tailored(patientCx: string, t: Tailoring): BuiltSubmission {
  const s = buildSubmission({ patientCx });
  const de = s.request.objects.documentEntries[0]!;
  if (t.eventCodes) {
    de.classifications = [
      ...de.classifications.filter((c) => c.scheme !== DE.eventCodeList),
      ...t.eventCodes.map((c, i) => coded(`urn:uuid:${randomUUID()}`, DE.eventCodeList, de.id, c.code, c.scheme, c.display ?? `code ${i}`)),
    ];
  }
  const replace = (name: string, values: string[]) => {
    de.slots = [...de.slots.filter((x) => x.name !== name), slot(name, ...values)];
  };
  if (t.serviceStartTime) replace('serviceStartTime', [t.serviceStartTime]);
  if (t.referenceIds) replace('urn:ihe:iti:xds:2013:referenceIdList', t.referenceIds);
  return s;
}

/** Submits each; the error names the first the SUT did not accept (the step then cannot judge the query). */
export async function submitAll(ctx: StepContext, subs: BuiltSubmission[]): Promise<string | undefined> {
  for (const s of subs) {
    const r = await submit(ctx, s);
    if (r.response?.status !== STATUS.success)
      return `a set-up submission was not accepted: ${r.response ? `${r.response.status} [${r.response.errors.map((e) => e.errorCode).join(', ')}]` : (r.error ?? 'no answer')}`;
  }
  return undefined;
}

export interface Queried {
  response?: AdhocQueryResponse;
  exchange: Exchange;
  error?: string;
  /** uniqueIds of the returned DocumentEntries. */
  uniqueIds: string[];
}

export async function query(ctx: StepContext, queryId: string, params: Slot[]): Promise<Queried> {
  const list: Exchange[] = [];
  const r = await storedQuery(endpoint(ctx, 'registry'), queryId, params, (e) => void list.push(e), 'LeafClass', clientTls(ctx.sut));
  for (const e of list) await ctx.evidence.exchange(e);
  const uniqueIds = (r.response?.objects.documentEntries ?? []).map((e) => uniqueIdOf(e) ?? '(none)');
  return {
    ...(r.response ? { response: r.response } : { error: r.call.ok ? 'not an AdhocQueryResponse' : r.call.error }),
    exchange: r.call.exchange,
    uniqueIds,
  };
}

/** '' when the returned set is exactly the expected one, else what is missing and what is extra. */
export function setDiff(got: readonly string[], want: readonly string[], names: ReadonlyMap<string, string>): string {
  const name = (u: string) => names.get(u) ?? u;
  const missing = want.filter((u) => !got.includes(u)).map(name);
  const extra = got.filter((u) => !want.includes(u)).map(name);
  return [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unexpected ${extra.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
}
