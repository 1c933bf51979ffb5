// Segments of plain values -> ER7 text. Values are escaped here, so callers never think
// about delimiters: a field is a string, or repetitions of components of subcomponents.
import { escapeValue } from './escape.ts';
import { DEFAULT_SEPARATORS, encodingCharacters, type Separators } from './separators.ts';

/** A component: a value or its subcomponents. */
export type Component = string | string[];
/** One repetition: a value or its components. */
export type Repetition = string | Component[];
/** A field: a value, its components (one repetition), or { reps } for several. */
export type FieldValue = string | Component[] | { reps: Repetition[] } | undefined;

/** [segment name, SEG-1, SEG-2, ...]. For MSH, pass fields from MSH-3 on; MSH-1/2 are written here. */
export type SegmentSpec = [string, ...FieldValue[]];

export function buildEr7(segments: readonly SegmentSpec[], s: Separators = DEFAULT_SEPARATORS): string {
  return segments.map((seg) => buildSegment(seg, s)).join('\r') + '\r';
}

export function buildSegment([name, ...fields]: SegmentSpec, s: Separators): string {
  const parts = fields.map((f) => field(f, s));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (name === 'MSH') return [`MSH${s.field}${encodingCharacters(s)}`, ...parts].join(s.field);
  return [name, ...parts].join(s.field);
}

function field(f: FieldValue, s: Separators): string {
  if (f === undefined) return '';
  if (typeof f === 'string') return escapeValue(f, s);
  if (Array.isArray(f)) return repetition(f, s);
  return f.reps.map((r) => (typeof r === 'string' ? escapeValue(r, s) : repetition(r, s))).join(s.repetition);
}

function repetition(comps: Component[], s: Separators): string {
  const parts = comps.map((c) => (typeof c === 'string' ? escapeValue(c, s) : c.map((x) => escapeValue(x, s)).join(s.subcomponent)));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(s.component);
}
