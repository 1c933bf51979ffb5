// An ER7 message as segments of raw field strings, with accessors that split and unescape
// on demand: a receiver that only needs MSH pays for nothing else.
import type { Charset } from './charset.ts';
import { unescapeValue } from './escape.ts';
import type { Separators } from './separators.ts';

export interface Hl7Segment {
  name: string;
  /** fields[n] is SEG-n as raw ER7 (escaped); fields[0] is the name. MSH-1 is the separator. */
  fields: string[];
}

export type LineEnds = 'CR' | 'LF' | 'CRLF' | 'mixed';

export interface Hl7Message {
  separators: Separators;
  segments: Hl7Segment[];
  charset: Charset;
  /** Raw MSH-18, as declared. */
  declaredCharset: string;
  lineEnds: LineEnds;
  /** True when the bytes held anything beyond ASCII. */
  nonAscii: boolean;
}

// Rules look segments up by name many times per message: index once, lazily.
const INDEX = new WeakMap<Hl7Message, Map<string, Hl7Segment[]>>();

export function segmentsNamed(msg: Hl7Message, name: string): Hl7Segment[] {
  let index = INDEX.get(msg);
  if (!index) {
    index = new Map();
    for (const s of msg.segments) {
      const list = index.get(s.name);
      if (list) list.push(s);
      else index.set(s.name, [s]);
    }
    INDEX.set(msg, index);
  }
  return index.get(name) ?? [];
}

/** Raw repetitions of SEG-n (escaped). MSH-1 and MSH-2 never split. */
export function repetitions(msg: Hl7Message, seg: Hl7Segment | undefined, n: number): string[] {
  const raw = seg?.fields[n] ?? '';
  if (raw === '') return [];
  if (seg?.name === 'MSH' && n <= 2) return [raw];
  return raw.split(msg.separators.repetition);
}

/** Component c (1-based) and optional subcomponent s of one raw field repetition, unescaped. */
export function component(msg: Hl7Message, raw: string, c: number, s?: number): string {
  const comp = raw.split(msg.separators.component)[c - 1] ?? '';
  const sub = s === undefined ? comp : (comp.split(msg.separators.subcomponent)[s - 1] ?? '');
  return unescapeValue(sub, msg.separators);
}

export interface FieldPath {
  segment: string;
  /** 1-based occurrence of the segment. */
  occurrence: number;
  field: number;
  /** 1-based repetition. */
  repetition: number;
  component?: number;
  subcomponent?: number;
}

const PATH = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\])?-(\d+)(?:\[(\d+)\])?(?:\.(\d+))?(?:\.(\d+))?$/;

/** Parses 'PID-3', 'PID-3[2].4.2', 'OBX[3]-5' (all indexes 1-based, as HL7 writes them). */
const PATHS = new Map<string, FieldPath>();

export function parsePath(path: string): FieldPath {
  const cached = PATHS.get(path);
  if (cached) return cached;
  const p = parsePathUncached(path);
  // Paths are mostly constants in rules; indexed ones ('OBX[3]-5') stay few per message.
  if (PATHS.size < 10_000) PATHS.set(path, p);
  return p;
}

function parsePathUncached(path: string): FieldPath {
  const m = PATH.exec(path);
  if (!m) throw new Error(`not an HL7 field path: ${path}`);
  return {
    segment: m[1]!,
    occurrence: Number(m[2] ?? 1),
    field: Number(m[3]),
    repetition: Number(m[4] ?? 1),
    ...(m[5] === undefined ? {} : { component: Number(m[5]) }),
    ...(m[6] === undefined ? {} : { subcomponent: Number(m[6]) }),
  };
}

/** The unescaped value at a path; '' when absent. A path without a component gives the whole repetition. */
export function valueAt(msg: Hl7Message, path: string): string {
  const p = parsePath(path);
  const seg = segmentsNamed(msg, p.segment)[p.occurrence - 1];
  const rep = repetitions(msg, seg, p.field)[p.repetition - 1] ?? '';
  if (p.component === undefined) return seg?.name === 'MSH' && p.field <= 2 ? rep : unescapeValue(rep, msg.separators);
  return component(msg, rep, p.component, p.subcomponent);
}

/** MSH-9 as 'ORU^R01' (code^event), without the structure component. */
export function messageType(msg: Hl7Message): string {
  const code = valueAt(msg, 'MSH-9.1');
  const event = valueAt(msg, 'MSH-9.2');
  return event ? `${code}^${event}` : code;
}
