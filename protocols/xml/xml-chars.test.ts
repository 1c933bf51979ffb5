import { describe, expect, test } from 'vitest';
import { parseXml } from './parse-xml.ts';

const enc = (s: string) => Buffer.from(s, 'utf8');

describe('XML 1.0 characters and the encoding declaration', () => {
  test('refuses a NUL byte with its byte offset', () => {
    expect(parseXml(enc('<a>\u00e9x\u0000</a>'))).toMatchObject({ ok: false, error: { code: 'invalid-char', offset: 6 } });
  });

  test('refuses a C0 control character in an attribute and counts a BOM in the offset', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc('<a b="\u0001"/>')]);
    expect(parseXml(bytes)).toMatchObject({ ok: false, error: { code: 'invalid-char', offset: 9 } });
  });

  test('refuses U+FFFE and a lone surrogate in a string input', () => {
    expect(parseXml('<a>\uFFFE</a>')).toMatchObject({ ok: false, error: { code: 'invalid-char', offset: 3 } });
    expect(parseXml('<a>\uD800</a>')).toMatchObject({ ok: false, error: { code: 'invalid-char' } });
  });

  test('keeps tab, CR, LF and characters outside the BMP', () => {
    expect(parseXml(enc('<a>\t\r\n\u{1F600}</a>')).ok).toBe(true);
  });

  test('refuses a character reference to a code point XML does not allow', () => {
    expect(parseXml('<a>&#1;</a>')).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(parseXml('<a>&#x0;</a>')).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(parseXml('<a>&#9;&#x10FFFF;</a>').ok).toBe(true);
  });

  test('refuses UTF-16 declared on UTF-8 bytes', () => {
    const r = parseXml(enc('<?xml version="1.0" encoding="UTF-16"?><a/>'));
    expect(r).toMatchObject({ ok: false, error: { code: 'encoding', offset: 30 } });
  });

  test('refuses ISO-8859-1 declared on non-ASCII UTF-8 bytes, accepts it on ASCII ones', () => {
    expect(parseXml(enc("<?xml version='1.0' encoding='ISO-8859-1'?><a>\u00e9</a>"))).toMatchObject({
      ok: false,
      error: { code: 'encoding' },
    });
    expect(parseXml(enc("<?xml version='1.0' encoding='ISO-8859-1'?><a>e</a>")).ok).toBe(true);
  });

  test('accepts UTF-8 declared in any case', () => {
    expect(parseXml(enc('<?xml version="1.0" encoding="utf-8"?><a>\u00e9</a>')).ok).toBe(true);
  });
});
