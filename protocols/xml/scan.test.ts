import { describe, expect, test } from 'vitest';
import { parseXml } from './parse-xml.ts';

describe('XML scanner well-formedness', () => {
  test('keeps CDATA, skips comments and PIs, trims text', () => {
    const r = parseXml('<?xml version="1.0"?><!-- c --><a> <![CDATA[x<y]]> &lt;z&#x41; </a><?pi?>');
    expect(r.ok && r.root.text).toBe('x<y <zA');
  });

  test.each([
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an undeclared entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['"<" in an attribute', '<a x="<"/>'],
    ['two roots', '<a/><b/>'],
    ['text after the root', '<a/>junk'],
    ['an unclosed element', '<a><b/>'],
  ])('refuses %s', (_t, xml) => {
    expect(parseXml(xml)).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  test('names line and column of the problem', () => {
    const r = parseXml('<a>\n  <b></c>\n</a>');
    expect(!r.ok && r.error.message).toMatch(/line 2, column 6/);
  });

  test('computes positional XPaths only where a name repeats', () => {
    const r = parseXml('<r xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><Slot/><Name/><Slot/></r>');
    if (!r.ok) throw new Error('unexpected');
    expect(r.root.children.map((c) => c.path)).toEqual(['/rim:r/rim:Slot[1]', '/rim:r/rim:Name', '/rim:r/rim:Slot[2]']);
  });
});
