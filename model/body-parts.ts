// A multipart body recorded part by part: the evidence of a large retrieve written as framing
// around stored files. Hashing every byte of every response on the main thread cost a WADO-RS
// retrieve most of its throughput; each file's SHA-256 is instead computed once per version of
// the file (the sender checks the file is unchanged on every read) and the response records the
// boundary and, per part, its Content-Type, size and SHA-256. The framing between the parts is
// fixed by `partHeads`, which the sender writes and `mcwg evidence verify` recomputes, so the
// recorded size can be checked offline, and the whole body's SHA-256 rebuilt from the parts'
// bytes (`bodySha256`) by whoever holds them.
import { createHash } from 'node:crypto';

export interface BodyPart {
  /** The part's Content-Type header value, e.g. 'application/dicom; transfer-syntax=1.2.840.10008.1.2.1'. */
  contentType: string;
  size: number;
  /** SHA-256 of the part's bytes, hex. */
  sha256: string;
}

export interface BodyParts {
  boundary: string;
  parts: BodyPart[];
}

/**
 * The bytes around the parts, as latin1 text: heads[k] goes before part k (the CRLF closing the
 * previous part, the delimiter, the part's headers), `tail` after the last (CRLF, close delimiter).
 * The same bytes as protocols/multipart/writer.ts writes for these headers.
 */
export function partHeads(boundary: string, parts: readonly Pick<BodyPart, 'contentType' | 'size'>[]): { heads: string[]; tail: string } {
  const heads = parts.map(
    (p, k) => `${k === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${p.contentType}\r\nContent-Length: ${p.size}\r\n\r\n`,
  );
  return { heads, tail: `${parts.length === 0 ? '' : '\r\n'}--${boundary}--\r\n` };
}

/** The whole body's length: framing plus parts. */
export function bodyPartsLength(b: BodyParts): number {
  const { heads, tail } = partHeads(b.boundary, b.parts);
  let n = Buffer.byteLength(tail, 'latin1');
  for (let k = 0; k < b.parts.length; k++) n += Buffer.byteLength(heads[k]!, 'latin1') + b.parts[k]!.size;
  return n;
}

/** Why a recorded parts body does not add up (size, hash shape), or undefined when it does. */
export function bodyPartsProblem(b: BodyParts, size: number): string | undefined {
  if (typeof b.boundary !== 'string' || !/^[0-9A-Za-z'()+_,./:=?-]{1,70}$/.test(b.boundary))
    return 'the boundary is not an RFC 2046 boundary';
  if (!Array.isArray(b.parts)) return 'no part list';
  for (const [k, p] of b.parts.entries()) {
    if (!/^[0-9a-f]{64}$/.test(String(p.sha256))) return `part ${k + 1}: the SHA-256 is not 64 hex digits`;
    if (!Number.isSafeInteger(p.size) || p.size < 0) return `part ${k + 1}: the size is not a byte count`;
    if (typeof p.contentType !== 'string' || /[\r\n]/.test(p.contentType)) return `part ${k + 1}: the Content-Type is not one header line`;
  }
  const n = bodyPartsLength(b);
  return n === size ? undefined : `size ${size}, while the framing and the ${b.parts.length} part(s) add up to ${n}`;
}

/** The whole body's SHA-256 from its parts' bytes, in order (e.g. the files served, or the parts a client received). */
export function bodySha256(b: BodyParts, partBytes: readonly Uint8Array[]): string {
  const { heads, tail } = partHeads(b.boundary, b.parts);
  const h = createHash('sha256');
  for (let k = 0; k < b.parts.length; k++) h.update(Buffer.from(heads[k]!, 'latin1')).update(partBytes[k]!);
  return h.update(Buffer.from(tail, 'latin1')).digest('hex');
}
