import { describe, expect, test } from 'vitest';
import { NS } from './namespaces.ts';
import { parseXml } from './parse-xml.ts';
import { childrenOf } from './xml-element.ts';

const RIM = NS.rim;

describe('parseXml', () => {
  test('resolves namespaces by URI whatever the prefix', () => {
    const r = parseXml(
      `<x:RegistryObjectList xmlns:x="${RIM}"><x:ExtrinsicObject id="a"/><x:ExtrinsicObject id="b"/></x:RegistryObjectList>`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const eos = childrenOf(r.root, RIM, 'ExtrinsicObject');
    expect(eos.map((e) => e.attrs['id'])).toEqual(['a', 'b']);
    expect(eos[1]!.path).toBe('/rim:RegistryObjectList/rim:ExtrinsicObject[2]');
  });

  test('decodes character references and keeps text', () => {
    const r = parseXml(`<a xmlns="${RIM}"><Value>&#65;&amp;B</Value></a>`);
    expect(r.ok && r.root.children[0]!.text).toBe('A&B');
  });

  test('refuses an external entity (XXE)', () => {
    const r = parseXml('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>');
    expect(r).toMatchObject({ ok: false, error: { code: 'doctype' } });
  });

  test('refuses billion laughs before expanding anything', () => {
    const ents = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const r = parseXml(`<!DOCTYPE lolz [<!ENTITY l0 "lol">${ents}]><lolz>&l10;</lolz>`);
    expect(r).toMatchObject({ ok: false, error: { code: 'doctype' } });
  });

  test('refuses 10,000-deep nesting with a finding, not a stack overflow', () => {
    const r = parseXml(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`);
    expect(r).toMatchObject({ ok: false, error: { code: 'too-deep' } });
  });

  test('refuses a 100 MB attribute by size before parsing', () => {
    const big = Buffer.alloc(100 * 1024 * 1024 + 20, 0x61);
    big.write('<a b="', 0);
    big.write('"/>', big.length - 3);
    const r = parseXml(big);
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  test('names the offset of invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('<a>ok'), Buffer.from([0xc3, 0x28]), Buffer.from('</a>')]);
    expect(parseXml(bytes)).toMatchObject({ ok: false, error: { code: 'invalid-utf8', offset: 5 } });
  });

  test('reports mismatched tags as malformed', () => {
    expect(parseXml('<a><b></a>')).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  test('reports an unbound prefix', () => {
    expect(parseXml('<q:a/>')).toMatchObject({ ok: false, error: { code: 'unbound-prefix' } });
  });

  test('reports empty input', () => {
    expect(parseXml('  ')).toMatchObject({ ok: false, error: { code: 'empty' } });
  });
});
