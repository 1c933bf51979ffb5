// Bounded JSON parsing for FHIR input: size limit, invalid UTF-8 and syntax errors become
// values, never throws.
export type FhirParseResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseFhirJson(input: string | Uint8Array, maxBytes = 64 * 1024 * 1024): FhirParseResult {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes) return { ok: false, message: `the document has ${size} bytes, more than the limit of ${maxBytes}` };
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return { ok: false, message: 'invalid UTF-8 in the JSON body' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}
