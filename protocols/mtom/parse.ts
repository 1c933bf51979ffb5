// MTOM/XOP parse of a multipart/related body with size limits, on the shared multipart reader
// (which also works around multipasta's chunk-boundary bug). A limit breach stops reading at
// once instead of buffering the rest.
import { MultipartReadError, parseContentType, readMultipartBuffered } from '../multipart/index.ts';
import { normalizeCid } from './content-type.ts';
import { firstInvalidUtf8 } from '../xml/index.ts';

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
  constructor(
    message: string,
    readonly kind: MtomErrorKind,
  ) {
    super(message);
  }
}

export function isMultipartRelated(contentType: string | undefined): boolean {
  return parseContentType(contentType)?.mediaType === 'multipart/related';
}

export async function parseMtom(
  body: AsyncIterable<Uint8Array>,
  contentType: string,
  limits: Partial<MtomLimits> = {},
): Promise<MtomMessage> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const ct = parseContentType(contentType);
  if (!ct || ct.mediaType !== 'multipart/related') throw new MtomError(`expected multipart/related, got '${contentType}'`, 'content-type');
  if (!ct.params['boundary']) throw new MtomError('multipart/related without a boundary parameter', 'content-type');
  const type = ct.params['type'];
  if (type !== undefined && type !== 'application/xop+xml') {
    throw new MtomError(`multipart/related type must be application/xop+xml for MTOM, got '${type}'`, 'content-type');
  }
  const start = ct.params['start'];
  const startCid = start === undefined ? undefined : normalizeCid(start);

  let received: MtomPart[];
  try {
    const parts = await readMultipartBuffered(body, contentType, lim);
    received = parts.map((p) => ({ contentId: normalizeCid(p.headers['content-id'] ?? ''), contentType: p.contentType, data: p.body }));
  } catch (e) {
    if (!(e instanceof MultipartReadError)) throw e;
    const kind: MtomErrorKind = e.code.startsWith('max-') ? 'limit' : 'malformed';
    throw new MtomError(kind === 'limit' ? `MTOM body over a limit: ${e.message}` : `malformed multipart/related body: ${e.message}`, kind);
  }
  // A cid: URL must name one part (RFC 2392): with two, which one a reader takes is a guess.
  const seen = new Set<string>();
  for (const p of received) {
    if (p.contentId === '') continue;
    if (seen.has(p.contentId)) throw new MtomError(`two MIME parts have the Content-ID <${p.contentId}>`, 'malformed');
    seen.add(p.contentId);
  }
  const rootIdx = startCid === undefined ? 0 : received.findIndex((p) => p.contentId === startCid);
  const root = received[rootIdx];
  if (!root)
    throw new MtomError(
      startCid === undefined ? 'multipart/related body has no parts' : `no part has the start Content-ID <${startCid}>`,
      'no-root',
    );
  const rootType = parseContentType(root.contentType);
  if (rootType?.mediaType !== 'application/xop+xml') {
    throw new MtomError(`root part must be application/xop+xml, got '${root.contentType}'`, 'content-type');
  }
  const parts = new Map<string, MtomPart>();
  received.forEach((p, i) => {
    if (i !== rootIdx) parts.set(p.contentId, p);
  });
  return { rootXml: decodeRoot(root.data), rootContentType: root.contentType, parts };
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The root part is XML in UTF-8 (XOP 1.0 §3): a lossy decode would replace bad bytes with
 * U+FFFD and the message would be registered altered, so bad bytes refuse the message, as
 * they do without MTOM.
 */
function decodeRoot(data: Buffer): string {
  try {
    return fatalUtf8.decode(data);
  } catch {
    const offset = firstInvalidUtf8(data);
    throw new MtomError(`invalid UTF-8 byte sequence in the root (SOAP) part at byte offset ${offset} of that part`, 'malformed');
  }
}
