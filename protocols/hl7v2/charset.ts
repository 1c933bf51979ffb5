// MSH-18 character sets (HL7 table 0211). The delimiters and MSH are ASCII in every
// supported set, so MSH-18 can be read before the body is decoded.
export type Charset = 'ascii' | 'utf-8' | 'latin1';

const BY_NAME: Record<string, Charset> = {
  '': 'ascii',
  ASCII: 'ascii',
  'UNICODE UTF-8': 'utf-8',
  '8859/1': 'latin1',
};

/** The charset MSH-18 names (first repetition), or undefined when we do not support it. */
export function charsetOf(msh18: string): Charset | undefined {
  return BY_NAME[msh18.trim().toUpperCase()];
}

export function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

/** Decodes strictly: bytes that are not valid in the charset are an error text. */
export function decode(bytes: Uint8Array, charset: Charset): string | { error: string } {
  if (charset === 'latin1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (charset === 'ascii') {
    const at = bytes.findIndex((b) => b > 0x7f);
    if (at >= 0)
      return { error: `byte 0x${bytes[at]!.toString(16)} at offset ${at} is not ASCII and MSH-18 declares no other character set` };
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'bytes are not valid UTF-8 although MSH-18 declares UNICODE UTF-8' };
  }
}

export function encode(text: string, charset: Charset): Buffer {
  // ASCII: replace what cannot be sent rather than emit bytes the header does not declare.
  if (charset === 'ascii') return Buffer.from(text.replace(/[^\x00-\x7f]/g, '?'), 'latin1');
  if (charset === 'latin1') return Buffer.from(text.replace(/[^\x00-\xff]/g, '?'), 'latin1');
  return Buffer.from(text, 'utf8');
}

/** MSH-18 from raw bytes: MSH is ASCII, so read it as latin1 up to the first terminator. */
export function peekMsh18(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, 4096);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1');
  const line = head.split(/[\r\n]/, 1)[0] ?? '';
  const sep = line[3];
  if (!line.startsWith('MSH') || !sep) return '';
  const rep = line.split(sep)[1]?.[1] ?? '~';
  return (line.split(sep)[17] ?? '').split(rep)[0] ?? '';
}
