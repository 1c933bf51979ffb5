// Streamed MTOM/XOP parse of a multipart/related body with size limits. Parts are gathered
// as they arrive; a limit breach stops reading at once instead of buffering the rest.
import * as Multipasta from 'multipasta';
import { normalizeCid, parseContentType } from './content-type.ts';

export interface MtomPart {
  contentId: string;
  contentType: string;
  data: Buffer;
}

export interface MtomMessage {
  /** The root part (application/xop+xml) as text. */
  rootXml: string;
  rootContentType: string;
  /** Every other part, by normalised Content-ID. */
  parts: Map<string, MtomPart>;
}

export interface MtomLimits {
  maxParts: number;
  maxPartSize: number;
  maxTotalSize: number;
}

export const DEFAULT_LIMITS: MtomLimits = { maxParts: 1000, maxPartSize: 256 * 1024 * 1024, maxTotalSize: 1024 * 1024 * 1024 };

export type MtomErrorKind = 'content-type' | 'limit' | 'malformed' | 'no-root';

export class MtomError extends Error {
  override name = 'MtomError';
  constructor(message: string, readonly kind: MtomErrorKind) {
    super(message);
  }
}

export function isMultipartRelated(contentType: string | undefined): boolean {
  return parseContentType(contentType)?.essence === 'multipart/related';
}

export async function parseMtom(body: AsyncIterable<Uint8Array>, contentType: string, limits: Partial<MtomLimits> = {}): Promise<MtomMessage> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const ct = parseContentType(contentType);
  if (!ct || ct.essence !== 'multipart/related') throw new MtomError(`expected multipart/related, got '${contentType}'`, 'content-type');
  if (!ct.params.get('boundary')) throw new MtomError('multipart/related without a boundary parameter', 'content-type');
  const type = ct.params.get('type');
  if (type !== undefined && type !== 'application/xop+xml') {
    throw new MtomError(`multipart/related type must be application/xop+xml for MTOM, got '${type}'`, 'content-type');
  }
  const start = ct.params.get('start');
  const startCid = start === undefined ? undefined : normalizeCid(start);

  const received: MtomPart[] = [];
  let failure: MtomError | undefined;
  let done = false;
  const parser = Multipasta.make({
    headers: { 'content-type': contentType },
    isFile: () => true,
    maxParts: lim.maxParts,
    maxPartSize: lim.maxPartSize,
    maxTotalSize: lim.maxTotalSize,
    onField: () => undefined,
    onFile(info) {
      const chunks: Buffer[] = [];
      const cidHeader = info.headers['content-id'];
      const part: MtomPart = {
        contentId: normalizeCid(Array.isArray(cidHeader) ? (cidHeader[0] ?? '') : (cidHeader ?? '')),
        contentType: String(info.headers['content-type'] ?? info.contentType),
        data: Buffer.alloc(0),
      };
      return (chunk) => {
        if (chunk === null) {
          part.data = Buffer.concat(chunks);
          received.push(part);
        } else chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      };
    },
    onError(e) {
      if (failure) return;
      failure =
        e._tag === 'ReachedLimit'
          ? new MtomError(`MTOM body over the ${e.limit} limit`, 'limit')
          : new MtomError(`malformed multipart/related body (${e._tag})`, 'malformed');
    },
    onDone() {
      done = true;
    },
  });
  for await (const chunk of body) {
    parser.write(chunk);
    if (failure) throw failure;
  }
  parser.end();
  if (failure) throw failure;
  if (!done) throw new MtomError('multipart/related body ended before its closing boundary', 'malformed');
  const rootIdx = startCid === undefined ? 0 : received.findIndex((p) => p.contentId === startCid);
  const root = received[rootIdx];
  if (!root) throw new MtomError(startCid === undefined ? 'multipart/related body has no parts' : `no part has the start Content-ID <${startCid}>`, 'no-root');
  const rootType = parseContentType(root.contentType);
  if (rootType?.essence !== 'application/xop+xml') {
    throw new MtomError(`root part must be application/xop+xml, got '${root.contentType}'`, 'content-type');
  }
  const parts = new Map<string, MtomPart>();
  received.forEach((p, i) => {
    if (i !== rootIdx) parts.set(p.contentId, p);
  });
  return { rootXml: root.data.toString('utf8'), rootContentType: root.contentType, parts };
}
