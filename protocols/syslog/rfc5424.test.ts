import { describe, expect, test } from 'vitest';
import { parseDatagram } from './datagram.ts';
import { formatSyslog } from './format.ts';
import { parseSyslog } from './rfc5424.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const BOM = '\u{FEFF}';

describe('RFC 5424 parser', () => {
  test('reads every header field, structured data with escapes, and a BOM-prefixed MSG', () => {
    const r = parseSyslog(
      enc(
        `<85>1 2026-12-03T06:19:42.123456+01:00 pacs.example ARR 1234 IHE+RFC-3881 [exampleSDID@32473 iut="3" eventSource="Appl\\"ication\\]" x="a\\b"][other@1] ${BOM}<AuditMessage/>`,
      ),
    );
    expect(r).toMatchObject({
      ok: true,
      message: {
        pri: 85,
        facility: 10,
        severity: 5,
        version: 1,
        timestamp: '2026-12-03T06:19:42.123456+01:00',
        hostname: 'pacs.example',
        appName: 'ARR',
        procId: '1234',
        msgId: 'IHE+RFC-3881',
        bom: true,
        structuredData: [
          {
            id: 'exampleSDID@32473',
            params: [
              ['iut', '3'],
              ['eventSource', 'Appl"ication]'],
              ['x', 'a\\b'],
            ],
          },
          { id: 'other@1', params: [] },
        ],
      },
    });
    if (r.ok) expect(new TextDecoder().decode(r.message.msg)).toBe('<AuditMessage/>');
  });

  test('reads NILVALUEs and a message without MSG', () => {
    expect(parseSyslog(enc('<0>1 - - - - - -'))).toMatchObject({
      ok: true,
      message: { pri: 0, timestamp: null, hostname: null, appName: null, procId: null, msgId: null, structuredData: [], bom: false },
    });
  });

  test('round-trips what formatSyslog writes', () => {
    const bytes = formatSyslog({
      timestamp: new Date('2026-12-03T06:00:00Z'),
      hostname: 'mcwg',
      appName: 'mcwg-xds',
      procId: '7',
      structuredData: [{ id: 'a@1', params: [['k', 'v]"\\']] }],
      msg: '<AuditMessage>é</AuditMessage>',
    });
    const r = parseSyslog(bytes);
    expect(r).toMatchObject({
      ok: true,
      message: {
        pri: 85,
        msgId: 'IHE+RFC-3881',
        appName: 'mcwg-xds',
        bom: true,
        structuredData: [{ id: 'a@1', params: [['k', 'v]"\\']] }],
      },
    });
    if (r.ok) expect(new TextDecoder().decode(r.message.msg)).toBe('<AuditMessage>é</AuditMessage>');
  });

  test.each([
    ['no PRI', 'hello', 'PRI'],
    ['PRI above 191', '<192>1 - - - - - -', 'PRI'],
    ['PRI with a leading zero', '<05>1 - - - - - -', 'PRI'],
    ['VERSION 2', '<13>2 - - - - - -', 'VERSION'],
    ['an RFC 3164 header', '<13>Dec  3 06:19:42 host app: text', 'VERSION'],
    ['a timestamp without a zone', '<13>1 2026-12-03T06:19:42 h a p m -', 'TIMESTAMP'],
    ['February 30th', '<13>1 2026-02-30T06:19:42Z h a p m -', 'TIMESTAMP'],
    ['seven fraction digits', '<13>1 2026-12-03T06:19:42.1234567Z h a p m -', 'TIMESTAMP'],
    ['two spaces (an empty HOSTNAME)', '<13>1 -  h a p m -', 'HOSTNAME'],
    ['an APP-NAME of 49 characters', `<13>1 - h ${'a'.repeat(49)} p m -`, 'APP-NAME'],
    ['a MSGID of 33 characters', `<13>1 - h a p ${'m'.repeat(33)} -`, 'MSGID'],
    ['structured data not in brackets', '<13>1 - h a p m x', 'STRUCTURED-DATA'],
    ['an unclosed SD-ELEMENT', '<13>1 - h a p m [id a="b"', 'SD-ELEMENT'],
    ['an unescaped ] in a value', '<13>1 - h a p m [id a="b]"]', 'PARAM-VALUE'],
    ['an unterminated value', '<13>1 - h a p m [id a="b', 'PARAM-VALUE'],
  ])('refuses %s', (_w, text, field) => {
    expect(parseSyslog(enc(text))).toMatchObject({ ok: false, field });
  });

  test('refuses a BOM followed by invalid UTF-8', () => {
    const b = new Uint8Array([...enc('<13>1 - - - - - - '), 0xef, 0xbb, 0xbf, 0xc3, 0x28]);
    expect(parseSyslog(b)).toMatchObject({ ok: false, field: 'MSG', offset: 21 });
  });

  test('a UDP datagram is one message; an empty one is refused', () => {
    expect(parseDatagram(enc('<13>1 - - - - - - hi'))).toMatchObject({ ok: true });
    expect(parseDatagram(new Uint8Array(0))).toMatchObject({ ok: false, field: 'datagram' });
  });
});
