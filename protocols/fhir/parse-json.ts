// Bounded JSON parsing for FHIR input: size limit, invalid UTF-8, syntax errors and duplicate
// keys become values, never throws.
import { firstInvalidUtf8 } from '../xml/index.ts';
import { findDuplicateKey } from './json-duplicates.ts';

export type FhirParseResult = { ok: true; value: unknown } | { ok: false; message: string; path?: string };

export function parseFhirJson(input: string | Uint8Array, maxBytes = 64 * 1024 * 1024): FhirParseResult {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes) return { ok: false, message: `the document has ${size} bytes, more than the limit of ${maxBytes}` };
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    const offset = firstInvalidUtf8(input as Uint8Array);
    return { ok: false, message: `invalid UTF-8 in the JSON body at byte offset ${offset}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    return { ok: false, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  // FHIR JSON does not allow a property twice; JSON.parse would keep the last one silently.
  const dup = findDuplicateKey(text);
  if (dup) {
    const offset = Buffer.byteLength(text.slice(0, dup.index), 'utf8');
    return { ok: false, message: `duplicate key "${dup.key}" in the object at ${dup.path} (byte offset ${offset})`, path: dup.path };
  }
  return { ok: true, value };
}
