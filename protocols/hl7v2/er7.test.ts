import { describe, expect, test } from 'vitest';
import { buildAck } from './ack.ts';
import { buildEr7 } from './er7-builder.ts';
import { parseEr7, type ParseResult } from './er7-parser.ts';
import { escapeValue, unescapeValue } from './escape.ts';
import { messageType, repetitions, segmentsNamed, valueAt, type Hl7Message } from './message.ts';
import { DEFAULT_SEPARATORS } from './separators.ts';

function ok(r: ParseResult): Hl7Message {
  if (!r.ok) throw new Error(`parse failed: ${r.message}`);
  return r.message;
}

const ORU = [
  'MSH|^~\\&|RIS|HOSP|GW|HOSP|20250102030405||ORU^R01^ORU_R01|C1|P|2.5|||||FR|UNICODE UTF-8',
  'PID|1||123^^^&1.2.250.1.213.1.4.8&ISO^NI~L9^^^HOSP&1.2.3&ISO^PI||Müller^Jürgen',
  'OBR|1|P1^HOSP|F1^HOSP|CT^Chest CT^L',
  'OBX|1|TX|||a \\F\\ b \\S\\ c \\T\\ d \\R\\ e \\E\\ f',
].join('\r');

describe('parseEr7', () => {
  test('reads fields, repetitions, components and subcomponents with 1-based paths', () => {
    const m = ok(parseEr7(Buffer.from(ORU, 'utf8')));
    expect(messageType(m)).toBe('ORU^R01');
    expect(valueAt(m, 'MSH-1')).toBe('|');
    expect(valueAt(m, 'MSH-2')).toBe('^~\\&');
    expect(valueAt(m, 'MSH-10')).toBe('C1');
    expect(valueAt(m, 'PID-3.1')).toBe('123');
    expect(valueAt(m, 'PID-3.4.2')).toBe('1.2.250.1.213.1.4.8');
    expect(valueAt(m, 'PID-3[2].4.1')).toBe('HOSP');
    expect(valueAt(m, 'PID-3[2].5')).toBe('PI');
    expect(valueAt(m, 'PID-5.2')).toBe('Jürgen');
    expect(repetitions(m, segmentsNamed(m, 'PID')[0], 3)).toHaveLength(2);
    expect(valueAt(m, 'PID-99.1')).toBe('');
    expect(valueAt(m, 'OBX[2]-5')).toBe('');
  });

  test('unescapes delimiters in data', () => {
    const m = ok(parseEr7(ORU));
    expect(valueAt(m, 'OBX-5')).toBe('a | b ^ c & d ~ e \\ f');
  });

  test('uses the separators MSH-1 and MSH-2 declare', () => {
    const text = 'MSH#$*!@#A#B#C#D#20250101##ORU$R01#X1#P#2.5\rPID#1##1$$$A@1.2@ISO*2$$$B@1.3@ISO';
    const m = ok(parseEr7(text));
    expect(m.separators).toMatchObject({ field: '#', component: '$', repetition: '*', escape: '!', subcomponent: '@' });
    expect(messageType(m)).toBe('ORU^R01');
    expect(valueAt(m, 'PID-3[2].4.2')).toBe('1.3');
  });

  test('decodes ISO 8859-1 when MSH-18 says 8859/1', () => {
    const text = 'MSH|^~\\&|A|B|C|D|20250101||ADT^A04|1|P|2.5|||||DE|8859/1\rPID|1||1||Größe';
    const m = ok(parseEr7(Buffer.from(text, 'latin1')));
    expect(valueAt(m, 'PID-5')).toBe('Größe');
    expect(m.charset).toBe('latin1');
  });

  test('rejects UTF-8 bytes that do not decode', () => {
    const bytes = Buffer.concat([
      Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A04|1|P|2.5|||||FR|UNICODE UTF-8\rPID|'),
      Buffer.from([0xc3, 0x28]),
    ]);
    expect(parseEr7(bytes)).toMatchObject({ ok: false, code: 'charset', path: 'MSH-18' });
  });

  test('rejects non-ASCII bytes without MSH-18', () => {
    expect(parseEr7(Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A04|1|P|2.5\rPID|1||é', 'latin1'))).toMatchObject({ ok: false, code: 'charset' });
  });

  test('rejects an unknown MSH-18 character set', () => {
    expect(parseEr7(Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A04|1|P|2.5|||||JP|ISO IR87\r'))).toMatchObject({ ok: false, path: 'MSH-18' });
  });

  test.each([
    ['PID|1', 'separators', 'MSH-1'],
    ['MSH', 'separators', 'MSH-1'],
    ['MSH|^~|A', 'separators', 'MSH-2'],
    ['MSH|^^\\&|A', 'separators', 'MSH-2'],
    ['MSH|^~\\&|A\rpid|1', 'segment', 'segment 2'],
    ['MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B', 'segment', 'segment 3'],
    ['', 'empty', 'MSH'],
  ])('fails %j as %s at %s', (text, code, path) => {
    expect(parseEr7(text)).toMatchObject({ ok: false, code, path });
  });

  test('records LF line ends instead of failing, so a rule can judge them', () => {
    expect(ok(parseEr7('MSH|^~\\&|A\nPID|1\n')).lineEnds).toBe('LF');
    expect(ok(parseEr7('MSH|^~\\&|A\rPID|1\r')).lineEnds).toBe('CR');
    expect(ok(parseEr7('MSH|^~\\&|A\r\nPID|1\r')).lineEnds).toBe('mixed');
  });
});

describe('escape', () => {
  test('round-trips every delimiter and CR', () => {
    const v = 'a|b^c&d~e\\f\rg';
    expect(unescapeValue(escapeValue(v, DEFAULT_SEPARATORS), DEFAULT_SEPARATORS)).toBe(v);
  });

  test('expands hex data and keeps formatting commands verbatim', () => {
    expect(unescapeValue('\\X414243\\ line\\.br\\next', DEFAULT_SEPARATORS)).toBe('ABC line\\.br\\next');
  });

  test('keeps a lone escape character', () => {
    expect(unescapeValue('50\\ percent', DEFAULT_SEPARATORS)).toBe('50\\ percent');
  });
});

describe('buildEr7', () => {
  test('builds what parseEr7 reads back', () => {
    const text = buildEr7([
      ['MSH', 'RIS', 'HOSP', 'GW', 'HOSP', '20250101', undefined, ['ORU', 'R01', 'ORU_R01'], 'C9', 'P', '2.5'],
      [
        'PID',
        '1',
        undefined,
        {
          reps: [
            ['1', '', '', ['', '1.2.3', 'ISO'], 'NI'],
            ['x|y', '', '', ['H', '1.4', 'ISO'], 'PI'],
          ],
        },
      ],
    ]);
    expect(text.startsWith('MSH|^~\\&|RIS|')).toBe(true);
    const m = ok(parseEr7(text));
    expect(valueAt(m, 'PID-3[1].4.2')).toBe('1.2.3');
    expect(valueAt(m, 'PID-3[2].1')).toBe('x|y');
    expect(valueAt(m, 'MSH-9.3')).toBe('ORU_R01');
  });
});

describe('buildAck', () => {
  test('answers with MSA-2 = MSH-10, swapped applications and an ERR per error', () => {
    const orig = ok(parseEr7(ORU));
    const ack = ok(
      parseEr7(
        buildAck({
          code: 'AE',
          controlId: 'C1',
          original: orig,
          errors: [{ code: '101', path: 'OBR[1]-18.2', severity: 'E', text: 'accession issuer missing' }],
        }),
      ),
    );
    expect(valueAt(ack, 'MSH-3')).toBe('GW');
    expect(valueAt(ack, 'MSH-5')).toBe('RIS');
    expect(valueAt(ack, 'MSH-9')).toBe('ACK^R01^ACK');
    expect(valueAt(ack, 'MSH-18')).toBe('UNICODE UTF-8');
    expect(valueAt(ack, 'MSA-1')).toBe('AE');
    expect(valueAt(ack, 'MSA-2')).toBe('C1');
    expect(valueAt(ack, 'ERR-2')).toBe('OBR^1^18^1^2');
    expect(valueAt(ack, 'ERR-3.1')).toBe('101');
    expect(valueAt(ack, 'ERR-4')).toBe('E');
    expect(valueAt(ack, 'ERR-8')).toBe('accession issuer missing');
  });
});
