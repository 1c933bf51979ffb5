// Text decoding by Specific Character Set (0008,0005). Only single-byte and UTF-8 repertoires
// without code extensions are decoded; others fall back to latin1 (the KOS rules report them).
import type { TextDecoderLike } from './data-set.ts';

const LABELS: Record<string, string> = {
  '': 'latin1',
  ISO_IR_6: 'latin1',
  'ISO_IR 6': 'latin1',
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

/** The character sets this reader decodes (first value of (0008,0005)). */
export function isDecodableCharset(term: string): boolean {
  return term in LABELS;
}

const decoders = new Map<string, TextDecoderLike>();

export function decoderFor(specificCharacterSet: string): TextDecoderLike {
  const first = specificCharacterSet.split('\\')[0]!.trim();
  const label = LABELS[first] ?? 'latin1';
  let d = decoders.get(label);
  if (!d) {
    if (label === 'latin1') d = { decode: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1') };
    else {
      const td = new TextDecoder(label);
      d = { decode: (b) => td.decode(b) };
    }
    decoders.set(label, d);
  }
  return d;
}
