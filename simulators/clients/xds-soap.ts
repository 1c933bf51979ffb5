// One SOAP 1.2 (optionally MTOM) request to a SUT, recorded as an Exchange whatever happens.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Exchange } from '../../model/exchange.ts';
import { isMultipartRelated, parseMtom, writeMtom, type Attachment, type MtomPart } from '../../protocols/mtom/index.ts';
import {
  readEnvelope,
  readFault,
  soapContentType,
  SoapFaultError,
  writeEnvelope,
  type Envelope,
  type SoapFault,
} from '../../protocols/soap/index.ts';
import { classifyUnreachable, describeUnreachable } from '../../model/transport.ts';
import { payloadOf } from '../kit/recorder.ts';
import type { ConnectionOptions } from 'node:tls';
import { httpsFetch } from '../tls/https-fetch.ts';

export interface SoapCall {
  url: string;
  action: string;
  transaction: string;
  bodyXml: string;
  /** When given (even empty), the request is sent as MTOM/XOP. */
  attachments?: Attachment[];
  timeoutMs?: number;
  /** https:// with our TLS client options (simulators/tls tlsClientOptions: CA, client certificate). */
  tls?: ConnectionOptions;
}

export type SoapResult =
  | { ok: true; envelope: Envelope; parts: ReadonlyMap<string, MtomPart>; exchange: Exchange }
  | { ok: false; fault?: SoapFault; error: string; exchange: Exchange };

/** The HTTP body of a call: SOAP 1.2, or MTOM/XOP when attachments are given. */
export async function encodeSoapRequest(c: SoapCall): Promise<{ soap: string; contentType: string; body: Buffer }> {
  const soap = writeEnvelope(c.bodyXml, { action: c.action, request: true, to: c.url });
  if (!c.attachments) return { soap, contentType: soapContentType(c.action), body: Buffer.from(soap, 'utf8') };
  const m = writeMtom(soap, c.attachments);
  return { soap, contentType: m.contentType, body: Buffer.concat(await m.stream.toArray()) };
}

export async function callSoap(c: SoapCall, record: (e: Exchange) => void): Promise<SoapResult> {
  const { soap, contentType, body } = await encodeSoapRequest(c);
  const ex: Exchange = {
    id: randomUUID(),
    at: new Date().toISOString(),
    transaction: c.transaction,
    from: 'mcwg',
    to: c.url,
    // Evidence keeps the SOAP root as text; the hash covers the bytes sent (MTOM parts included).
    request: payloadOf({
      summary: `POST ${c.url}`,
      method: 'POST',
      url: c.url,
      headers: { 'content-type': contentType },
      contentType,
      body,
      text: soap,
    }),
  };
  const started = Date.now();
  let answered = false;
  try {
    const init = {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(c.timeoutMs ?? 60_000),
    };
    let res: Response;
    if (c.tls && c.url.startsWith('https:')) {
      const a = await httpsFetch(c.url, init, c.tls);
      res = a.response;
      if (a.tls) ex.tls = a.tls;
    } else res = await fetch(c.url, init);
    answered = true;
    const ct = res.headers.get('content-type') ?? '';
    const raw = Buffer.from(await res.arrayBuffer());
    let xml: string = raw.toString('utf8');
    let parts: ReadonlyMap<string, MtomPart> = new Map();
    if (isMultipartRelated(ct)) {
      const m = await parseMtom(Readable.from([raw]), ct);
      xml = m.rootXml;
      parts = m.parts;
    }
    ex.response = payloadOf({
      summary: `HTTP ${res.status}`,
      status: res.status,
      headers: res.headers,
      contentType: ct,
      body: raw,
      text: xml,
    });
    const envelope = readEnvelope(xml);
    const fault = readFault(envelope.body);
    if (fault) {
      ex.error = `SOAP fault ${fault.code}: ${fault.reason}`;
      return { ok: false, fault, error: ex.error, exchange: ex };
    }
    return { ok: true, envelope, parts, exchange: ex };
  } catch (err) {
    const unreachable = answered ? undefined : classifyUnreachable(err, c.url);
    if (unreachable) ex.unreachable = unreachable;
    ex.error = unreachable
      ? describeUnreachable(unreachable)
      : err instanceof SoapFaultError
        ? `unreadable SOAP response: ${err.message}`
        : err instanceof Error
          ? err.message
          : String(err);
    return { ok: false, error: ex.error, exchange: ex };
  } finally {
    ex.durationMs = Date.now() - started;
    record(ex);
  }
}
