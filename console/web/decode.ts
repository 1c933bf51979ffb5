// Decodes one stored body for the evidence viewer, bounded: XML pretty-printed, FHIR JSON
// pretty-printed, DICOM as a tag table, HL7 v2 as segments and fields, multipart as its parts
// (the first XML or DICOM part decoded too). The finding's path (XPath, FHIRPath, DICOM tag
// path, HL7 field) marks the lines or rows it points at.
import { readPart10 } from '../../protocols/dicom/reader.ts';
import { childPath, itemPath, type DataSet, type Part10 } from '../../protocols/dicom/data-set.ts';
import { decoded } from '../../protocols/dicom/values.ts';
import { readMultipartBuffered } from '../../protocols/multipart/reader.ts';
import { asText } from '../../reports/evidence/excerpts.ts';

/** Bytes of a body decoded on the page; the raw download has them all. */
export const VIEW_BYTES = 512 * 1024;
/** Rows of a DICOM tag table or an HL7 message shown. */
export const MAX_ROWS = 2000;
const MAX_VALUE = 200;

export interface Line {
  text: string;
  hit: boolean;
}

export interface BodyView {
  lines: Line[];
  tags: { path: string; vr: string; value: string; hit: boolean }[];
  segments: { name: string; value: string; hit: boolean }[];
  parts: { contentType: string; contentId: string; size: number }[];
  binary: boolean;
}

const empty = (): BodyView => ({ lines: [], tags: [], segments: [], parts: [], binary: false });

export async function decodeBody(bytes: Buffer, contentType: string, paths: readonly string[]): Promise<BodyView> {
  const type = contentType.toLowerCase();
  if (type.startsWith('multipart/')) {
    try {
      const parts = await readMultipartBuffered([bytes], contentType, { maxParts: 200 });
      const view = empty();
      view.parts = parts.map((p) => ({ contentType: p.contentType, contentId: p.headers['content-id'] ?? '', size: p.body.length }));
      const first = parts.find((p) => /xml|json|dicom/.test(p.mediaType)) ?? parts[0];
      if (first) Object.assign(view, { ...(await decodeBody(first.body, first.contentType, paths)), parts: view.parts });
      return view;
    } catch {
      // A cut or malformed multipart body: shown as text below (the raw bytes are downloadable).
    }
  }
  if (type.includes('dicom') || looksLikeDicom(bytes)) return dicomView(bytes, paths);
  const text = asText(bytes.subarray(0, VIEW_BYTES), contentType);
  if (text === null) return { ...empty(), binary: true };
  const trimmed = text.replace(/^[\x0b\x1c\s]+/, '');
  if (trimmed.startsWith('MSH')) return hl7View(utf8Behind(trimmed), paths);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { ...empty(), lines: jsonLines(JSON.parse(trimmed), paths) };
    } catch {
      // Not whole JSON (cut at VIEW_BYTES, or not JSON at all): plain text.
    }
  }
  if (trimmed.startsWith('<')) return { ...empty(), lines: xmlLines(trimmed, paths) };
  return { ...empty(), lines: text.split(/\r\n|\r|\n/).map((t) => ({ text: t, hit: false })) };
}

function looksLikeDicom(bytes: Buffer): boolean {
  return bytes.length > 132 && bytes.toString('latin1', 128, 132) === 'DICM';
}

// XML ------------------------------------------------------------------------------------

/** One line per tag, indented by depth; text between tags stays on its element's line. */
export function xmlLines(xml: string, paths: readonly string[]): Line[] {
  const targets = paths.map(xpathTarget).filter((t): t is XPathTarget => t !== undefined);
  const out: Line[] = [];
  let depth = 0;
  for (const token of xml.split(/(<[^>]+>)/)) {
    const t = token.trim();
    if (!t) continue;
    if (t.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      const last = out.at(-1);
      // <a>text</a> on one line.
      if (last && !last.text.trimStart().startsWith('<')) {
        const text = out.pop()!.text.trim();
        const open = out.pop()!;
        out.push({ text: `${open.text}${text}${t}`, hit: open.hit });
        continue;
      }
      out.push({ text: `${'  '.repeat(depth)}${t}`, hit: false });
    } else if (t.startsWith('<')) {
      const selfClosing = t.endsWith('/>') || t.startsWith('<?') || t.startsWith('<!');
      out.push({ text: `${'  '.repeat(depth)}${t}`, hit: targets.some((x) => matchesTag(t, x)) });
      if (!selfClosing) depth += 1;
    } else {
      out.push({ text: `${'  '.repeat(depth)}${t}`, hit: false });
    }
  }
  return out;
}

interface XPathTarget {
  name: string;
  /** A value an attribute predicate names ([@name='creationTime']): the line must carry it. */
  value?: string;
}

/** The last step of an XPath: its local name and the value of an attribute predicate, if any. */
export function xpathTarget(path: string): XPathTarget | undefined {
  const steps = path.split('/').filter(Boolean);
  const last = steps.at(-1);
  if (!last) return undefined;
  const at = /^@?(?:[\w.-]+:)?([\w.-]+)/.exec(last.startsWith('@') && steps.length > 1 ? steps.at(-2)! : last);
  if (!at) return undefined;
  const value = /\[@[\w:.-]+\s*=\s*['"]([^'"]+)['"]\]/.exec(last)?.[1];
  return { name: at[1]!, ...(value ? { value } : {}) };
}

function matchesTag(tag: string, x: XPathTarget): boolean {
  const m = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(tag);
  return m?.[1] === x.name && (x.value === undefined || tag.includes(x.value));
}

// JSON -----------------------------------------------------------------------------------

/** Pretty JSON whose lines know their FHIRPath-like path (entry[0].resource.subject). */
export function jsonLines(value: unknown, paths: readonly string[]): Line[] {
  const wanted = paths.map(fhirPathKey).filter(Boolean);
  const hit = (p: string) => p !== '' && wanted.some((w) => p === w || p.startsWith(`${w}.`) || p.startsWith(`${w}[`));
  const out: Line[] = [];
  const walk = (v: unknown, path: string, indent: string, prefix: string, comma: string) => {
    if (Array.isArray(v)) {
      if (v.length === 0) return void out.push({ text: `${indent}${prefix}[]${comma}`, hit: hit(path) });
      out.push({ text: `${indent}${prefix}[`, hit: hit(path) });
      v.forEach((x, i) => walk(x, `${path}[${i}]`, `${indent}  `, '', i < v.length - 1 ? ',' : ''));
      out.push({ text: `${indent}]${comma}`, hit: false });
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) return void out.push({ text: `${indent}${prefix}{}${comma}`, hit: hit(path) });
      out.push({ text: `${indent}${prefix}{`, hit: hit(path) });
      entries.forEach(([k, x], i) =>
        walk(x, path ? `${path}.${k}` : k, `${indent}  `, `${JSON.stringify(k)}: `, i < entries.length - 1 ? ',' : ''),
      );
      out.push({ text: `${indent}}${comma}`, hit: false });
    } else {
      out.push({ text: `${indent}${prefix}${JSON.stringify(v)}${comma}`, hit: hit(path) });
    }
  };
  walk(value, '', '', '', '');
  return out;
}

/** 'Bundle.entry[0].resource.subject' → 'entry[0].resource.subject' (the resource type is the root). */
export function fhirPathKey(path: string): string {
  const p = path.trim().replace(/\s+/g, '');
  return /^[A-Z][A-Za-z]+(\.|$)/.test(p) ? p.replace(/^[A-Z][A-Za-z]+\.?/, '') : p;
}

// DICOM ----------------------------------------------------------------------------------

export function dicomView(bytes: Buffer, paths: readonly string[]): BodyView {
  const f: Part10 = readPart10(bytes.subarray(0, Math.max(VIEW_BYTES, 0)));
  const hit = (p: string) =>
    paths.some((w) => w !== '' && (p === w || p.startsWith(`${w}>`) || p.startsWith(`${w}[`) || w.startsWith(`${p}[`)));
  const rows: BodyView['tags'] = [];
  const walk = (ds: DataSet) => {
    for (const el of ds.elements.values()) {
      if (rows.length >= MAX_ROWS) return;
      const path = childPath(ds.path, el.tag);
      if (el.vr === 'SQ') {
        rows.push({ path, vr: 'SQ', value: `${el.items?.length ?? 0} item(s)`, hit: hit(path) });
        (el.items ?? []).forEach((item, i) => walk({ ...item, path: itemPath(ds.path, el.tag, i) }));
      } else {
        rows.push({ path, vr: el.vr, value: valueText(f, el), hit: hit(path) });
      }
    }
  };
  walk(f.meta);
  walk(f.dataSet);
  for (const p of f.problems.slice(0, 20)) rows.push({ path: p.path || '(file)', vr: '', value: `problem: ${p.message}`, hit: false });
  return { ...empty(), tags: rows };
}

function valueText(f: Part10, el: Parameters<typeof decoded>[1]): string {
  if (/^(OB|OW|OF|OD|OL|OV|UN)$/.test(el.vr)) return `<${el.length} bytes>`;
  try {
    const v = decoded(f, el);
    const text = Array.isArray(v) ? v.join('\\') : v;
    return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
  } catch {
    return `<${el.length} bytes>`;
  }
}

// HL7 v2 ---------------------------------------------------------------------------------

/**
 * The MLLP recorder keeps a message's bytes as a latin1 string (one char per byte), so a UTF-8
 * message (MSH-18 UNICODE UTF-8) reads as "HÃ©lÃ¨ne". When every char is a byte and the bytes
 * are valid UTF-8, the UTF-8 reading is the one the sender meant; otherwise the text stays.
 */
export function utf8Behind(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text) || /[^\u0000-\u00ff]/.test(text)) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

export function hl7View(message: string, paths: readonly string[]): BodyView {
  const wanted = paths.map((p) => p.replace(/\.\d+$/, '').replace(/\.\d+$/, ''));
  const counts = new Map<string, number>();
  const rows: BodyView['segments'] = [];
  const fieldSep = message[3] ?? '|';
  for (const seg of message.split(/\r\n|\r|\n/)) {
    if (!seg.trim() || rows.length >= MAX_ROWS) continue;
    const fields = seg.split(fieldSep);
    const name = fields[0]!.replace(/[\x0b\x1c]/g, '');
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    const label = n > 1 ? `${name}[${n}]` : name;
    for (let i = 1; i < fields.length; i++) {
      // MSH-1 is the field separator itself, so MSH's list is shifted by one.
      const index = name === 'MSH' ? i + 1 : i;
      if (fields[i] === '') continue;
      const field = `${label}-${index}`;
      const alt = `${name}[${n}]-${index}`;
      rows.push({ name: field, value: fields[i]!, hit: wanted.includes(field) || wanted.includes(alt) });
    }
  }
  return { ...empty(), segments: rows };
}
