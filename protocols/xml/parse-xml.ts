// Hardened XML parsing for untrusted SUT input: refuses DOCTYPE and entity declarations
// before parsing (no XXE, no entity expansion), bounds size and depth, rejects invalid
// UTF-8, and resolves namespaces by URI so that any prefix works. Never throws.
// The scanner is our own (scan.ts): fast-xml-parser plus its validator took 30x the time
// of `xmllint --noout` on a 5,000-entry query response (bench/metadata.bench.ts).
import { DEFAULT_XML_LIMITS, type XmlLimits } from './limits.ts';
import { scanXml, type OnClose } from './scan.ts';
import type { XmlError } from './xml-error.ts';
import { checkEncodingDeclaration, checkXmlChars } from './xml-chars.ts';
import type { XmlElement } from './xml-element.ts';

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; error: XmlError };

/** `onClose` sees each element as it closes (see scan.ts); the result is the same tree, less what it pruned. */
export function parseXml(input: string | Uint8Array, limits: Partial<XmlLimits> = {}, onClose?: OnClose): XmlParseResult {
  const lim = { ...DEFAULT_XML_LIMITS, ...limits };
  let text: string;
  // The fatal decoder drops a UTF-8 BOM: byte offsets after it are 3 further on.
  let base = 0;
  if (typeof input === 'string') {
    if (input.length > lim.maxBytes) return tooLarge(input.length, lim.maxBytes);
    text = input;
  } else {
    if (input.byteLength > lim.maxBytes) return tooLarge(input.byteLength, lim.maxBytes);
    const decoded = decodeUtf8(input);
    if (typeof decoded !== 'string') return { ok: false, error: decoded };
    text = decoded;
    if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) base = 3;
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    base = 3;
  }
  // Character and encoding rules come before any other work (issue 16: input rules first).
  const bad = checkXmlChars(text, base) ?? checkEncodingDeclaration(text, base);
  if (bad) return { ok: false, error: bad };
  if (text.trim() === '') return { ok: false, error: { code: 'empty', message: 'the document is empty' } };
  // Any DTD is refused outright: XDS and MHD never need one, and it is the door to XXE
  // and entity-expansion attacks.
  const dtd = findDeclaration(text);
  if (dtd) {
    return {
      ok: false,
      error: {
        code: 'doctype',
        offset: dtd.index,
        message: `a <!${dtd.word} declaration at character ${dtd.index} is refused (no DTDs, external or internal entities)`,
      },
    };
  }
  const r = scanXml(text, lim.maxDepth, onClose);
  return 'code' in r ? { ok: false, error: r } : { ok: true, root: r };
}

/**
 * The first `<!DOCTYPE` or `<!ENTITY`, ASCII letters in any case (what /<!(DOCTYPE|ENTITY)/i
 * finds, without running a case-insensitive regex over megabytes: '<!' is rare).
 */
function findDeclaration(text: string): { index: number; word: string } | undefined {
  for (let i = text.indexOf('<!'); i >= 0; i = text.indexOf('<!', i + 2)) {
    for (const w of DECLARATIONS) if (asciiCaseAt(text, i + 2, w)) return { index: i, word: text.slice(i + 2, i + 2 + w.length) };
  }
  return undefined;
}

const DECLARATIONS = ['DOCTYPE', 'ENTITY'];

function asciiCaseAt(text: string, at: number, upper: string): boolean {
  for (let k = 0; k < upper.length; k++) {
    const c = text.charCodeAt(at + k);
    const u = upper.charCodeAt(k);
    if (c !== u && c !== u + 0x20) return false;
  }
  return true;
}

function tooLarge(size: number, max: number): XmlParseResult {
  return { ok: false, error: { code: 'too-large', message: `the document has ${size} bytes, more than the limit of ${max}` } };
}

const fatal = new TextDecoder('utf-8', { fatal: true });
function decodeUtf8(bytes: Uint8Array): string | XmlError {
  try {
    return fatal.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { code: 'invalid-utf8', offset, message: `invalid UTF-8 byte sequence at byte offset ${offset}` };
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length + (n === 0 ? 1 : 0)) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}
