// Bad input sent to each SOAP endpoint of the SUT. XDS-031: malformed XML and an unknown
// wsa:Action get a SOAP 1.2 Fault (env:Sender) or an XDS error, promptly, and the service
// still answers afterwards. SEC-008: DTDs are refused: an external entity pointing at our
// canary is never fetched (nor its secret echoed), a parameter entity neither, and a
// billion-laughs body is answered promptly without its expansion.
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../../../model/exchange.ts';
import type { Finding } from '../../../../model/finding.ts';
import { XDS_ACTION } from '../../../../protocols/ebrim/constants.ts';
import { soapContentType } from '../../../../protocols/soap/index.ts';
import { payloadOf } from '../../../../simulators/kit/recorder.ts';
import { defineStep, type StepContext, type StepDef } from '../../../engine/dsl.ts';
import { endpoint, finding, patients } from '../calls.ts';
import { startCanary } from './canary.ts';
import { query } from './query-kit.ts';
import { param } from '../../../../simulators/clients/xds-consumer.ts';
import { httpsFetch } from '../../../../simulators/tls/https-fetch.ts';
import { clientTls } from '../../common/client-tls.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';

/** An answer slower than this counts as a hang (a real registry answers a fault at once). */
const ANSWER_MS = 10_000;
/** How long a resolving parser gets to fetch the canary after its answer. */
const CANARY_GRACE_MS = 1_000;

const SOAP = 'http://www.w3.org/2003/05/soap-envelope';
const WSA = 'http://www.w3.org/2005/08/addressing';

function envelope(action: string, to: string, body: string, prolog = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${prolog}<s:Envelope xmlns:s="${SOAP}" xmlns:a="${WSA}"><s:Header><a:Action s:mustUnderstand="1">${action}</a:Action><a:MessageID>urn:uuid:${randomUUID()}</a:MessageID><a:To>${to}</a:To></s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

/** A FindDocuments body whose patient value is `value` (raw: may be an entity reference). */
const findBody = (value: string) =>
  `<query:AdhocQueryRequest xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><query:ResponseOption returnComposedObjects="true" returnType="LeafClass"/><rim:AdhocQuery id="${QUERY.FindDocuments}"><rim:Slot name="$XDSDocumentEntryPatientId"><rim:ValueList><rim:Value>'${value}'</rim:Value></rim:ValueList></rim:Slot><rim:Slot name="$XDSDocumentEntryStatus"><rim:ValueList><rim:Value>('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')</rim:Value></rim:ValueList></rim:Slot></rim:AdhocQuery></query:AdhocQueryRequest>`;

interface Answer {
  status: number;
  body: string;
  ms: number;
  error?: string;
  exchange: Exchange;
}

/** Sends the bytes as they are (no envelope writer in between) and records the exchange. */
async function sendRaw(ctx: StepContext, url: string, transaction: string, action: string, xml: string): Promise<Answer> {
  const contentType = soapContentType(action);
  const body = Buffer.from(xml, 'utf8');
  const exchange: Exchange = {
    id: randomUUID(),
    at: new Date().toISOString(),
    transaction,
    from: 'mcwg',
    to: url,
    request: payloadOf({ summary: `POST ${url}`, method: 'POST', url, contentType, body }),
  };
  const t0 = performance.now();
  let a: Omit<Answer, 'exchange' | 'ms'>;
  try {
    const init = {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(ANSWER_MS),
    };
    const tls = clientTls(ctx.sut);
    let res: Response;
    if (tls && url.startsWith('https:')) {
      const h = await httpsFetch(url, init, tls);
      if (h.tls) exchange.tls = h.tls;
      res = h.response;
    } else res = await fetch(url, init);
    const raw = Buffer.from(await res.arrayBuffer());
    exchange.response = payloadOf({
      summary: `HTTP ${res.status}`,
      status: res.status,
      headers: res.headers,
      contentType: res.headers.get('content-type') ?? '',
      body: raw,
    });
    a = { status: res.status, body: raw.toString('utf8') };
  } catch (err) {
    exchange.error = err instanceof Error ? err.message : String(err);
    a = { status: 0, body: '', error: exchange.error };
  }
  const ms = performance.now() - t0;
  exchange.durationMs = Math.round(ms);
  await ctx.evidence.exchange(exchange);
  return { ...a, ms, exchange };
}

const isFault = (body: string) => /<(\w+:)?Fault[\s>]/.test(body);
const isSenderFault = (body: string) => isFault(body) && /<(\w+:)?Value>\s*(\w+:)?Sender\s*</.test(body);
const isXdsError = (body: string) =>
  /(RegistryResponse|AdhocQueryResponse)\b[^>]*status="[^"]*:(Failure|PartialSuccess)"/.test(body) && /RegistryError\b/.test(body);

/** Why the answer is not a protocol-shaped refusal, or undefined when it is. */
function notRefused(a: Answer, what: string): string | undefined {
  if (a.error) return `${what}: no answer within ${ANSWER_MS} ms (${a.error})`;
  if (isSenderFault(a.body) || isXdsError(a.body)) return undefined;
  if (isFault(a.body)) return `${what}: HTTP ${a.status} with a SOAP Fault whose code is not env:Sender`;
  return `${what}: HTTP ${a.status} without a SOAP Fault or XDS error body`;
}

/** Each SOAP endpoint the profile names, with the action a well-formed request to it would carry. */
function soapEndpoints(ctx: StepContext): { name: string; url: string; action: string; transaction: string }[] {
  const out: { name: string; url: string; action: string; transaction: string }[] = [
    { name: 'registry', url: endpoint(ctx, 'registry'), action: XDS_ACTION.query, transaction: 'ITI-18' },
  ];
  if (ctx.sut.endpoints.repository)
    out.push({ name: 'repository', url: endpoint(ctx, 'repository'), action: XDS_ACTION.retrieve, transaction: 'ITI-43' });
  return out;
}

/** The registry still answers a plain query after the attacks (no crash, no lasting damage). */
async function stillServing(ctx: StepContext, ruleId: string, reqIds: string[]): Promise<Finding[]> {
  const q = await query(ctx, QUERY.FindDocuments, [
    param('$XDSDocumentEntryPatientId', patients(ctx).known),
    param('$XDSDocumentEntryStatus', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'),
  ]);
  return q.response
    ? []
    : [
        finding(
          ruleId,
          reqIds,
          q.exchange,
          'soap:Body',
          `after the bad inputs the registry no longer answers FindDocuments: ${q.error ?? ''}`,
        ),
      ];
}

export function malformedSoap(): StepDef {
  return defineStep({
    id: 'malformed-soap',
    title: 'Malformed XML and an unknown wsa:Action get a SOAP Fault (env:Sender) or an XDS error',
    verifies: ['XDS-031'],
    async run(ctx) {
      const out: Finding[] = [];
      for (const ep of soapEndpoints(ctx)) {
        const cases = [
          { what: `${ep.name}: truncated XML`, action: ep.action, xml: envelope(ep.action, ep.url, findBody('P')).slice(0, -40) },
          {
            what: `${ep.name}: mismatched end tag`,
            action: ep.action,
            xml: envelope(
              ep.action,
              ep.url,
              '<query:AdhocQueryRequest xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"></query:AdhocQuery>',
            ),
          },
          {
            what: `${ep.name}: unknown wsa:Action`,
            action: 'urn:mcwg:test:UnknownAction',
            xml: envelope('urn:mcwg:test:UnknownAction', ep.url, findBody('P')),
          },
        ];
        for (const c of cases) {
          const a = await sendRaw(ctx, ep.url, ep.transaction, c.action, c.xml);
          const why = notRefused(a, c.what);
          if (why) out.push(finding('drr.soap.malformed', ['XDS-031'], a.exchange, 'soap:Body', why));
        }
      }
      out.push(...(await stillServing(ctx, 'drr.soap.malformed', ['XDS-031'])));
      return ctx.fromFindings(out);
    },
  });
}

export function xmlAttacks(): StepDef {
  return defineStep({
    id: 'xml-attacks',
    title: 'DTDs are refused: no external entity fetched, no entity expanded',
    verifies: ['SEC-008'],
    async run(ctx) {
      const canary = await startCanary();
      const out: Finding[] = [];
      try {
        for (const ep of soapEndpoints(ctx)) {
          const laughs = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
          const cases = [
            {
              what: `${ep.name}: external entity`,
              xml: envelope(ep.action, ep.url, findBody('&xxe;'), `<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "${canary.url('xxe')}">]>`),
            },
            {
              what: `${ep.name}: external parameter entity`,
              xml: envelope(
                ep.action,
                ep.url,
                findBody('P'),
                `<!DOCTYPE s:Envelope [<!ENTITY % dtd SYSTEM "${canary.url('dtd')}"> %dtd;]>`,
              ),
            },
            {
              what: `${ep.name}: billion laughs`,
              xml: envelope(ep.action, ep.url, findBody('&l10;'), `<!DOCTYPE s:Envelope [<!ENTITY l0 "lol">${laughs}]>`),
            },
          ];
          for (const c of cases) {
            const a = await sendRaw(ctx, ep.url, ep.transaction, ep.action, c.xml);
            const why = notRefused(a, c.what);
            if (why) out.push(finding('drr.xml.refused', ['SEC-008'], a.exchange, 'soap:Body', why));
            if (a.body.includes(canary.secret))
              out.push(
                finding(
                  'drr.xml.expanded',
                  ['SEC-008'],
                  a.exchange,
                  'soap:Body',
                  `${c.what}: the answer carries the canary's content: the external entity was resolved`,
                ),
              );
            if (a.body.includes('lol'.repeat(100)))
              out.push(
                finding('drr.xml.expanded', ['SEC-008'], a.exchange, 'soap:Body', `${c.what}: the answer carries the expanded entities`),
              );
          }
        }
        await new Promise((ok) => setTimeout(ok, CANARY_GRACE_MS));
        for (const h of canary.hits()) {
          out.push({
            ruleId: 'drr.xml.canary',
            reqIds: ['SEC-008'],
            severity: 'error',
            message: `the SUT fetched our canary ${h.path} at ${h.at}: it resolves external entities`,
            location: { artefact: 'canary', path: h.path },
          });
        }
        out.push(...(await stillServing(ctx, 'drr.xml.refused', ['SEC-008'])));
      } finally {
        await canary.stop();
      }
      return ctx.fromFindings(out);
    },
  });
}
