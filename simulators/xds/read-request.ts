// Turns an HTTP body into SOAP envelope text plus MTOM parts, by media type (SOAP 1.2 HTTP
// binding; MTOM for documents). Refusals are SoapFaultErrors with their HTTP status.
import type { Readable } from 'node:stream';
import { isMultipartRelated, parseMtom, type MtomLimits, type MtomPart } from '../../protocols/mtom/index.ts';
import { parseContentType } from '../../protocols/multipart/index.ts';
import { SoapFaultError } from '../../protocols/soap/index.ts';
import { collect, guardedBody, type BodyTap } from './body.ts';

export class UnsupportedMediaType extends SoapFaultError {}

export interface SoapBody {
  xml: string | Buffer;
  parts: ReadonlyMap<string, MtomPart>;
}

export async function readSoapBody(
  body: Readable | undefined,
  contentType: string,
  lim: { maxBody: number; deadlineMs: number; mtom?: Partial<MtomLimits> },
  onTap: (t: BodyTap) => void,
): Promise<SoapBody> {
  if (!body || typeof body[Symbol.asyncIterator] !== 'function') throw new SoapFaultError({ code: 'Sender', reason: 'empty request body' });
  const { chunks, tap } = guardedBody(body, lim.maxBody, lim.deadlineMs);
  try {
    if (isMultipartRelated(contentType)) {
      const m = await parseMtom(chunks, contentType, lim.mtom);
      const type = parseContentType(m.rootContentType)?.params['type'];
      if (type && type !== 'application/soap+xml') {
        throw new SoapFaultError({
          code: 'VersionMismatch',
          reason: `MTOM root part type '${type}' is not application/soap+xml (SOAP 1.2)`,
        });
      }
      return { xml: m.rootXml, parts: m.parts };
    }
    const essence = parseContentType(contentType)?.mediaType;
    if (essence === 'text/xml')
      throw new SoapFaultError({
        code: 'VersionMismatch',
        reason: 'text/xml is the SOAP 1.1 binding; send application/soap+xml (SOAP 1.2)',
      });
    if (essence !== 'application/soap+xml') {
      throw new UnsupportedMediaType({
        code: 'Sender',
        reason: `Content-Type '${contentType}' is neither application/soap+xml nor multipart/related (MTOM)`,
      });
    }
    return { xml: await collect(chunks), parts: new Map() };
  } finally {
    onTap(tap);
  }
}
