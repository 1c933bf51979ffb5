import type { Rule } from '../../rule.ts';
import type { Hl7View } from '../view.ts';

// C0 control characters other than TAB have no place in ER7 field text: CR ends segments, the
// MLLP bytes (VT, FS) frame the message, and a NUL is not text in any MSH-18 character set.
// Formatting in FT/TX travels as escape sequences (\.br\), never as raw control bytes.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const controlCharacters: Rule<Hl7View> = {
  id: 'hl7.characters.control',
  reqIds: ['RIS-011'],
  severity: 'error',
  title: 'No raw control characters (NUL, VT, FS, ...) inside fields',
  check(view) {
    const msg = view.message;
    if (!msg) return [];
    const out: { path: string; message: string }[] = [];
    for (const seg of msg.segments) {
      seg.fields.forEach((raw, n) => {
        const hit = CONTROL.exec(raw);
        if (!hit) return;
        const code = hit[0].charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
        out.push({
          path: n === 0 ? seg.name : `${seg.name}-${n}`,
          message: `Field holds the control character 0x${code} at character ${hit.index + 1}; ER7 text carries no raw control bytes (use escape sequences)`,
        });
      });
    }
    return out;
  },
};
