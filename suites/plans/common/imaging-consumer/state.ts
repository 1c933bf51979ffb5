// What the consumer plans' tests share (XDS and MHD imaging consumer) and how they read the SUT's requests: the ebRIM body of
// a recorded ITI-18 / ITI-43 (our simulator keeps the SOAP part inline), the seeded studies.
import type { Exchange } from '../../../../model/exchange.ts';
import type { Finding } from '../../../../model/finding.ts';
import {
  readEbrim,
  type AdhocQueryRequest,
  type AdhocQueryResponse,
  type RetrieveDocumentSetRequest,
} from '../../../../protocols/ebrim/index.ts';
import { readEnvelope } from '../../../../protocols/soap/index.ts';
import type { SeededStudy } from './seed.ts';

/** How long each wait for a SUT-initiated request lasts (default 120 s). */
export const WAIT_MS = 120_000;

export interface PlanState {
  /** The manifest the SUT retrieved: the target's, once the manifest test passed. */
  retrieved?: SeededStudy;
}

type Message = AdhocQueryRequest | AdhocQueryResponse | RetrieveDocumentSetRequest;

function read<K extends Message['kind']>(body: string | undefined, kind: K): Extract<Message, { kind: K }> | string {
  if (body === undefined) return 'the body was not kept (over the inline limit)';
  try {
    const r = readEbrim(readEnvelope(body).body);
    if (!r.ok) return `not readable ebRIM: ${r.error.message}`;
    return r.message.kind === kind ? (r.message as Extract<Message, { kind: K }>) : `expected ${kind}; got ${r.message.kind}`;
  } catch (err) {
    return `not a SOAP 1.2 envelope: ${(err as Error).message}`;
  }
}

export const queryOf = (ex: Exchange) => read(ex.request.body, 'AdhocQueryRequest');
export const queryResponseOf = (ex: Exchange) => read(ex.response?.body, 'AdhocQueryResponse');
export const retrieveRequestOf = (ex: Exchange) => read(ex.request.body, 'RetrieveDocumentSetRequest');

/** The values of a stored-query parameter, unquoted, list parentheses removed. */
export function paramValues(q: AdhocQueryRequest, name: string): string[] {
  return q.parameters
    .filter((p) => p.name === name)
    .flatMap((p) => p.values)
    .flatMap((v) => v.replace(/^\(|\)$/g, '').split(/,(?=(?:[^']*'[^']*')*[^']*$)/))
    .map((v) => v.trim().replace(/^'|'$/g, '').replaceAll("''", "'"))
    .filter((v) => v !== '');
}

export const finding = (
  ruleId: string,
  reqIds: string[],
  artefact: string,
  path: string,
  message: string,
  severity: Finding['severity'],
  evidence: string,
): Finding => ({
  ruleId,
  reqIds,
  severity,
  message,
  location: { artefact, path },
  evidence: [evidence],
});
