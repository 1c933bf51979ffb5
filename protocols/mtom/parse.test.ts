import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { parseContentType } from './content-type.ts';
import { MtomError, parseMtom } from './parse.ts';
import { resolveXop } from './xop.ts';
import { writeMtom, xopInclude } from './write.ts';

const HAND = readFileSync(new URL('./testdata/retrieve-response.mtom', import.meta.url));
const HAND_CT =
  'multipart/related; boundary=MIMEBoundary_0123; type="application/xop+xml"; ' +
  'start="<0.urn:uuid:B0EA2F5C5B8C4D1AA96D4AD7A3E0B2C1@apache.org>"; start-info="application/soap+xml"';

/** Feeds the body in small pieces, as a slow network would. */
function chunked(buf: Buffer, size = 7): AsyncIterable<Uint8Array> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) pieces.push(buf.subarray(i, i + size));
  return Readable.from(pieces);
}

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MtomError) return e.kind;
    throw e;
  }
  return 'ok';
}

describe('parseMtom', () => {
  test('reads the same parts whichever byte a network chunk ends on', async () => {
    const whole = await parseMtom(Readable.from([HAND]), HAND_CT);
    for (let cut = 1; cut < HAND.length; cut++) {
      const m = await parseMtom(Readable.from([HAND.subarray(0, cut), HAND.subarray(cut)]), HAND_CT);
      expect(m.rootXml, `split at byte ${cut}`).toBe(whole.rootXml);
      expect(
        [...m.parts.values()].map((p) => p.data.toString('latin1')),
        `split at byte ${cut}`,
      ).toEqual([...whole.parts.values()].map((p) => p.data.toString('latin1')));
    }
  });
  test('reads a hand-authored MTOM message split in 7-byte chunks, root found by start', async () => {
    const m = await parseMtom(chunked(HAND), HAND_CT);
    expect(m.rootXml).toMatch(/^<\?xml/);
    expect([...m.parts.keys()]).toEqual(['1.urn:uuid:B0EA2F5C5B8C4D1AA96D4AD7A3E0B2C2@apache.org']);
    // binary content is byte-exact, including a CRLF followed by dashes
    expect(m.parts.values().next().value!.data.toString('latin1')).toBe('DICM-bytes\r\n--not-a-boundary');
  });
  test('resolves a percent-encoded cid: href to its part', async () => {
    const m = await parseMtom(Readable.from([HAND]), HAND_CT);
    const doc = {
      ns: 'urn:ihe:iti:xds-b:2007',
      name: 'Document',
      attrs: {},
      text: '',
      children: [
        {
          ns: 'http://www.w3.org/2004/08/xop/include',
          name: 'Include',
          attrs: { href: 'cid:1.urn:uuid:B0EA2F5C5B8C4D1AA96D4AD7A3E0B2C2%40apache.org' },
          children: [],
          text: '',
        },
      ],
    };
    const r = resolveXop(doc, m.parts);
    expect(r.ok && r.data.subarray(0, 4).toString()).toBe('DICM');
  });
  test('reports a missing part by its cid', () => {
    const doc = {
      ns: 'x',
      name: 'Document',
      attrs: {},
      text: '',
      children: [{ ns: 'http://www.w3.org/2004/08/xop/include', name: 'Include', attrs: { href: 'cid:gone@x' }, children: [], text: '' }],
    };
    expect(resolveXop(doc, new Map())).toEqual({ ok: false, cid: 'gone@x', reason: expect.stringMatching(/not in the message/) });
  });
  test('stops at maxTotalSize', async () => {
    expect(await kindOf(parseMtom(chunked(HAND, 64), HAND_CT, { maxTotalSize: 200 }))).toBe('limit');
  });
  test('stops at maxParts', async () => {
    expect(await kindOf(parseMtom(chunked(HAND), HAND_CT, { maxParts: 1 }))).toBe('limit');
  });
  test('refuses a body cut before the closing boundary', async () => {
    expect(await kindOf(parseMtom(Readable.from([HAND.subarray(0, HAND.length - 30)]), HAND_CT))).toBe('malformed');
  });
  test('refuses a start that names no part', async () => {
    expect(await kindOf(parseMtom(Readable.from([HAND]), HAND_CT.replace('B0EA2F5C5B8C4D1AA96D4AD7A3E0B2C1', 'X')))).toBe('no-root');
  });
  test('refuses a multipart/related whose type is not XOP', async () => {
    expect(await kindOf(parseMtom(Readable.from([HAND]), HAND_CT.replace('application/xop+xml', 'text/xml')))).toBe('content-type');
  });
});

describe('writeMtom', () => {
  test('what we write we read back byte-exact', async () => {
    const bin = Buffer.from([0, 13, 10, 45, 45, 255]);
    const root = `<r>${xopInclude('doc1@mcwg')}</r>`;
    const out = writeMtom(root, [{ contentId: 'doc1@mcwg', contentType: 'application/dicom', data: bin }]);
    const m = await parseMtom(out.stream, out.contentType);
    expect(m.rootXml).toBe(root);
    expect(m.parts.get('doc1@mcwg')?.data.equals(bin)).toBe(true);
  });
});

describe('parseContentType (legacy view over protocols/multipart)', () => {
  test('keeps the essence + Map shape its importers read', () => {
    const ct = parseContentType(HAND_CT);
    expect(ct?.essence).toBe('multipart/related');
    expect(ct?.params.get('type')).toBe('application/xop+xml');
    expect(ct?.params.get('start')).toBe('<0.urn:uuid:B0EA2F5C5B8C4D1AA96D4AD7A3E0B2C1@apache.org>');
    expect(parseContentType('not a media type')).toBeUndefined();
  });
});

describe('parseMtom: bytes of the root part', () => {
  test('refuses invalid UTF-8 in the SOAP part with its byte offset instead of replacing it', async () => {
    const out = writeMtom('<r>ok</r>', []);
    const chunks: Buffer[] = [];
    for await (const c of out.stream) chunks.push(Buffer.from(c));
    const body = Buffer.from(Buffer.concat(chunks).toString('latin1').replace('<r>ok</r>', '<r>o\u00ff</r>'), 'latin1');
    await expect(parseMtom(Readable.from([body]), out.contentType)).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('byte offset 4'),
    });
  });
});

describe('parseMtom: Content-IDs', () => {
  test('refuses two parts with the same Content-ID', async () => {
    const out = writeMtom(`<r>${xopInclude('a@x')}</r>`, [
      { contentId: 'a@x', contentType: 'application/dicom', data: Buffer.from('1') },
      { contentId: 'a@x', contentType: 'application/dicom', data: Buffer.from('2') },
    ]);
    await expect(parseMtom(out.stream, out.contentType)).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('<a@x>'),
    });
  });
});
