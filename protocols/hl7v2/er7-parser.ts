// ER7 bytes -> Hl7Message. Never throws: a broken message is a ParseFailure naming where.
import { charsetOf, decode, isAscii, peekMsh18 } from './charset.ts';
import type { Hl7Message, Hl7Segment, LineEnds } from './message.ts';
import { readSeparators } from './separators.ts';

export type ParseErrorCode = 'empty' | 'separators' | 'charset' | 'segment';

export interface ParseFailure {
  ok: false;
  code: ParseErrorCode;
  message: string;
  /** HL7 location, e.g. 'MSH-2', 'MSH-18', 'segment 3'. */
  path: string;
}

export type ParseResult = { ok: true; message: Hl7Message } | ParseFailure;

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

export function parseEr7(input: Uint8Array | string): ParseResult {
  let text: string;
  let nonAscii = false;
  let declared = '';
  let charset: Hl7Message['charset'] = 'ascii';
  if (typeof input === 'string') {
    text = input;
    nonAscii = /[^\x00-\x7f]/.test(text);
    declared = peekMsh18(Buffer.from(text.slice(0, 4096), 'latin1'));
    charset = charsetOf(declared) ?? 'utf-8';
  } else {
    declared = peekMsh18(input);
    const cs = charsetOf(declared);
    if (!cs)
      return fail('charset', `MSH-18 character set ${JSON.stringify(declared)} is not supported (ASCII, UNICODE UTF-8, 8859/1)`, 'MSH-18');
    charset = cs;
    nonAscii = !isAscii(input);
    const decoded = decode(input, cs);
    if (typeof decoded !== 'string') return fail('charset', decoded.error, 'MSH-18');
    text = decoded;
  }
  if (text.trim() === '') return fail('empty', 'message is empty', 'MSH');
  const seps = readSeparators(text);
  if (typeof seps === 'string') return fail('separators', seps, seps.includes('MSH-2') ? 'MSH-2' : 'MSH-1');

  const lineEnds = lineEndsOf(text);
  const lines = lineEnds === 'CR' ? text.split('\r') : text.split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const segments: Hl7Segment[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const fields = line.split(seps.field);
    const name = fields[0]!;
    if (!SEGMENT_NAME.test(name))
      return fail('segment', `segment ${i + 1} has no valid segment ID: ${JSON.stringify(line.slice(0, 20))}`, `segment ${i + 1}`);
    if (name === 'MSH') {
      if (i !== 0) return fail('segment', `MSH must be the first and only MSH; found another at segment ${i + 1}`, `segment ${i + 1}`);
      fields.splice(1, 0, seps.field);
    }
    segments.push({ name, fields });
  }
  return { ok: true, message: { separators: seps, segments, charset, declaredCharset: declared, lineEnds, nonAscii } };
}

function lineEndsOf(text: string): LineEnds {
  // Fast path: the common case has no LF at all.
  if (!text.includes('\n')) return 'CR';
  let cr = false;
  let lf = false;
  let crlf = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf = true;
        i++;
      } else cr = true;
    } else if (c === 10) lf = true;
  }
  if (Number(cr) + Number(lf) + Number(crlf) > 1) return 'mixed';
  return lf ? 'LF' : crlf ? 'CRLF' : 'CR';
}

function fail(code: ParseErrorCode, message: string, path: string): ParseFailure {
  return { ok: false, code, message, path };
}
