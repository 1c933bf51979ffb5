import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { tagKey } from './data-set.ts';
import { readPart10 } from './reader.ts';
import { Dicom } from './values.ts';
import { writePart10, type WDataSet } from './writer.ts';

const ds: WDataSet = {
  '(0008,0016)': { vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.88.59' },
  '(0008,0018)': { vr: 'UI', value: '2.25.1' },
  '(0010,0010)': { vr: 'PN', value: 'Müller^Erika' },
  '(0008,0005)': { vr: 'CS', value: 'ISO_IR 192' },
  '(0040,A375)': {
    vr: 'SQ',
    value: [
      {
        '(0008,1115)': {
          vr: 'SQ',
          value: [
            { '(0020,000E)': { vr: 'UI', value: '2.25.2' } },
            { '(0008,1199)': { vr: 'SQ', value: [{ '(0008,1155)': { vr: 'UI', value: '2.25.3' } }] } },
          ],
        },
      },
    ],
  },
};

describe('readPart10', () => {
  test.each(['explicit', 'implicit'] as const)('reads %s VR little endian with nested sequences and UTF-8 text', (ts) => {
    const f = readPart10(writePart10(ds, { transferSyntax: ts }));
    expect(f.problems).toEqual([]);
    const d = new Dicom(f);
    expect(d.str(f.dataSet, 0x00100010)).toBe('Müller^Erika');
    const series = d.items(d.items(f.dataSet, 0x0040a375)[0]!, 0x00081115);
    const ref = d.items(series[1]!, 0x00081199)[0]!;
    expect(ref.path).toBe('(0040,A375)[0]>(0008,1115)[1]>(0008,1199)[0]');
    expect(d.str(ref, 0x00081155)).toBe('2.25.3');
    expect(d.el(ref, 0x00081155)!.vr).toBe('UI');
  });

  test('turns text, empty input and a bare 3-byte file into fatal problems', () => {
    expect(readPart10(Buffer.from('hello, not dicom at all')).problems[0]).toMatchObject({ code: 'not-dicom', offset: 0, fatal: true });
    expect(readPart10(Buffer.alloc(0)).problems[0]).toMatchObject({ code: 'empty', fatal: true });
    expect(readPart10(Buffer.alloc(200)).problems[0]).toMatchObject({ code: 'not-dicom' });
  });

  test('reports a truncated value with its tag path and byte offset', () => {
    const b = writePart10(ds);
    const f = readPart10(b.subarray(0, b.length - 3));
    const p = f.problems.find((x) => x.code === 'truncated')!;
    expect(p.path).toBe('(0040,A375)');
    expect(p.offset).toBeGreaterThan(132);
    expect(f.problems.some((x) => x.fatal && x.path.startsWith('(0040,A375)[0]>(0008,1115)[1]'))).toBe(true);
  });

  test('reports a missing meta header and still reads the bare data set', () => {
    const f = readPart10(writePart10(ds, { noMeta: true }));
    expect(f.problems.map((p) => p.code)).toEqual(['no-preamble', 'meta-missing', 'transfer-syntax-missing']);
    expect(new Dicom(f).str(f.dataSet, 0x00080018)).toBe('2.25.1');
  });

  test('reports a wrong meta group length', () => {
    const b = writePart10(ds);
    b.writeUInt32LE(b.readUInt32LE(140) + 2, 140);
    expect(readPart10(b).problems[0]).toMatchObject({ code: 'meta-group-length', path: '(0002,0000)', offset: 132 });
  });

  test('reports bad VR bytes at their offset and stops', () => {
    const b = writePart10(ds);
    const at = b.indexOf(Buffer.from([0x10, 0x00, 0x10, 0x00, 0x50, 0x4e]));
    b.write('p?', at + 4, 'latin1');
    expect(readPart10(b).problems).toEqual([expect.objectContaining({ code: 'bad-vr', path: '(0010,0010)', offset: at + 4, fatal: true })]);
  });

  test('reports tags out of order and odd lengths without stopping', () => {
    const b = writePart10({ '(0008,0018)': { vr: 'UI', value: '2.25.1' } }, { noMeta: true });
    const odd = Buffer.from([0x08, 0x00, 0x16, 0x00, 0x55, 0x49, 0x03, 0x00, 0x31, 0x2e, 0x32]);
    const f = readPart10(Buffer.concat([b, odd]));
    expect(f.problems.map((p) => p.code)).toEqual(['no-preamble', 'meta-missing', 'transfer-syntax-missing', 'tag-order', 'odd-length']);
    expect(f.dataSet.elements.has(0x00080016)).toBe(true);
  });

  test('reports big endian as unsupported', () => {
    const b = writePart10(ds, { meta: { '(0002,0010)': { vr: 'UI', value: '1.2.840.10008.1.2.2' } } });
    expect(readPart10(b).problems[0]).toMatchObject({ code: 'transfer-syntax-unsupported', path: '(0002,0010)' });
  });

  test('reads a deflated data set, and reports one that does not inflate', () => {
    const plain = writePart10(ds, { meta: { '(0002,0010)': { vr: 'UI', value: '1.2.840.10008.1.2.1.99' } } });
    const metaEnd = plain.indexOf(Buffer.from([0x08, 0x00, 0x05, 0x00]), 132);
    const deflated = Buffer.concat([plain.subarray(0, metaEnd), deflateRawSync(plain.subarray(metaEnd))]);
    const f = readPart10(deflated);
    expect(f.problems).toEqual([]);
    expect(new Dicom(f).str(f.dataSet, 0x00100010)).toBe('Müller^Erika');
    expect(readPart10(plain).problems[0]).toMatchObject({ code: 'truncated', fatal: true });
  });

  test('stops at Pixel Data without reading it', () => {
    const big = writePart10({ ...ds, '(7FE0,0010)': { vr: 'OW', value: new Uint8Array(1_000_000) } });
    const f = readPart10(big);
    expect(f.stoppedAtPixelData).toBe(true);
    expect(f.problems).toEqual([]);
    expect(tagKey([...f.dataSet.elements.keys()].at(-1)!)).toBe('(7FE0,0010)');
  });
});

describe('readPart10: identifier lengths', () => {
  /** Explicit VR little endian element with a 2-byte length. */
  const el = (group: number, elem: number, vr: string, value: Buffer) => {
    const h = Buffer.alloc(8);
    h.writeUInt16LE(group, 0);
    h.writeUInt16LE(elem, 2);
    h.write(vr, 4, 'latin1');
    h.writeUInt16LE(value.length, 6);
    return Buffer.concat([h, value]);
  };

  test('refuses a TransferSyntaxUID longer than 64 characters as a problem and still reads the data set', () => {
    const longUid = Buffer.from(`1.2.${'3'.repeat(1000)}`);
    const tsEl = el(0x0002, 0x0010, 'UI', longUid);
    const gl = Buffer.alloc(4);
    gl.writeUInt32LE(tsEl.length);
    const file = Buffer.concat([
      Buffer.alloc(128),
      Buffer.from('DICM'),
      el(0x0002, 0x0000, 'UL', gl),
      tsEl,
      el(0x0008, 0x0018, 'UI', Buffer.from('2.25.1')),
    ]);
    const f = readPart10(file);
    expect(f.problems).toMatchObject([{ code: 'value-too-long', path: '(0002,0010)', offset: 144 }]);
    expect(f.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect(new Dicom(f).str(f.dataSet, 0x00080018)).toBe('2.25.1');
  });
});
