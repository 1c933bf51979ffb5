// Delimiters of one ER7 message, read from MSH-1 and MSH-2 (HL7 v2.5 Chapter 2.5.4).
export interface Separators {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
  /** v2.7 truncation character when MSH-2 has five characters; kept only to round-trip. */
  truncation?: string;
}

export const DEFAULT_SEPARATORS: Separators = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

/** MSH-2 as written: component, repetition, escape, subcomponent (+ truncation). */
export function encodingCharacters(s: Separators): string {
  return s.component + s.repetition + s.escape + s.subcomponent + (s.truncation ?? '');
}

/**
 * Reads the separators from the start of a message ("MSH|^~\&|..."). Returns an error
 * text when they are missing, repeated or use the segment terminator.
 */
export function readSeparators(text: string): Separators | string {
  if (!text.startsWith('MSH')) return `message must start with MSH; found ${JSON.stringify(text.slice(0, 3))}`;
  const field = text[3];
  if (field === undefined || field === '\r' || field === '\n') return 'MSH-1 (field separator) is missing';
  const end = text.indexOf(field, 4);
  const enc = end < 0 ? '' : text.slice(4, end);
  if (enc.length < 4 || enc.length > 5) return `MSH-2 must hold 4 encoding characters; found ${JSON.stringify(enc)}`;
  const all = field + enc;
  if (/[\r\n\sA-Za-z0-9]/.test(all)) return `MSH-1/MSH-2 must be punctuation; found ${JSON.stringify(all)}`;
  if (new Set(all).size !== all.length) return `MSH-1/MSH-2 repeat a delimiter: ${JSON.stringify(all)}`;
  const [component, repetition, escape, subcomponent, truncation] = [...enc] as [string, string, string, string, string?];
  return { field, component, repetition, escape, subcomponent, ...(truncation === undefined ? {} : { truncation }) };
}
