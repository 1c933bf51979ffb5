// XML 1.0 character rules (XML 1.0 §2.2 Char production) and the encoding declaration check
// (§4.3.3): both run before scanning so that bytes the standard forbids are refused, with the
// byte offset, instead of being stored.
import type { XmlError } from './xml-error.ts';

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the u flag a surrogate range matches only unpaired surrogates (pairs are one code point).
const DISALLOWED = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/u;

/** Whether a code point is an XML 1.0 Char (for character references such as &#1;). */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Byte offset, in the UTF-8 encoding of `text`, of the character at string index `index`. */
export function utf8OffsetOf(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/**
 * The first character XML 1.0 does not allow, as an error naming its code point and its byte
 * offset (UTF-8 bytes of the document; `base` adds a BOM the decoder already removed).
 */
export function checkXmlChars(text: string, base = 0): XmlError | undefined {
  const m = DISALLOWED.exec(text);
  if (!m) return undefined;
  const offset = base + utf8OffsetOf(text, m.index);
  const cp = m[0].codePointAt(0)!;
  return {
    code: 'invalid-char',
    offset,
    message: `character U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML 1.0, at byte offset ${offset}`,
  };
}

// Single-byte encodings whose first 128 code points are ASCII: such a declaration on bytes
// that are all ASCII reads the same as UTF-8, so it is harmless.
const ASCII_SUPERSETS = /^(us-ascii|ascii|iso-8859-\d{1,2}|iso_8859-\d{1,2}|latin1|windows-125\d|cp125\d)$/;
const DECLARATION = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/;

/**
 * The bytes are UTF-8 (they decoded as such): a declaration naming another encoding, such as
 * UTF-16, contradicts them and a conforming processor must treat it as a fatal error.
 */
export function checkEncodingDeclaration(text: string, base = 0): XmlError | undefined {
  if (!text.startsWith('<?xml')) return undefined;
  const m = DECLARATION.exec(text.slice(0, 512));
  if (!m) return undefined;
  const label = m[2]!.trim().toLowerCase();
  if (label === 'utf-8') return undefined;
  if (ASCII_SUPERSETS.test(label) && !/[^\x00-\x7f]/.test(text)) return undefined;
  const offset = base + m[0].length - m[2]!.length - 1;
  return {
    code: 'encoding',
    offset,
    message: `the XML declaration names encoding '${m[2]}' but the bytes are UTF-8${label === 'utf-16' || label.startsWith('utf-16') || label.startsWith('ucs') ? '' : ' with non-ASCII characters'}, at byte offset ${offset}`,
  };
}
