// Viewer links of an HL7 v2 report: OBX with value type RP (pointer in OBX-5.1), HD whose
// universal ID type is URI (OBX-5.2), or text types (ST/TX/FT) with an IID URL in the text.
// The studies covered are those the message names (ZDS / IPC / OBX 110180, RIS-007).
import type { DocumentEntry } from '../../protocols/ebrim/index.ts';
import { unescapeValue } from '../../protocols/hl7v2/escape.ts';
import { component, repetitions, segmentsNamed, type Hl7Message } from '../../protocols/hl7v2/message.ts';
import { studyUids } from '../hl7v2/report-ids.ts';
import { looksLikeIid } from './iid-url.ts';
import { referencedStudies } from './from-entry.ts';
import type { IidView, Located } from './view.ts';

const URL_IN_TEXT = /https?:\/\/[^\s<>"'|^~\\]+/g;

export function iidViewOfHl7(msg: Hl7Message, reportEntry?: DocumentEntry): IidView {
  const links: Located[] = [];
  segmentsNamed(msg, 'OBX').forEach((seg, i) => {
    const type = component(msg, repetitions(msg, seg, 2)[0] ?? '', 1);
    repetitions(msg, seg, 5).forEach((raw, r) => {
      const at = (c?: number) => `OBX[${i + 1}]-5${r > 0 ? `[${r + 1}]` : ''}${c ? `.${c}` : ''}`;
      if (type === 'RP') {
        const url = component(msg, raw, 1);
        if (looksLikeIid(url)) links.push({ value: url, path: at(1) });
      } else if (type === 'HD') {
        const uri = component(msg, raw, 3) === 'URI' ? component(msg, raw, 2) : component(msg, raw, 1);
        if (looksLikeIid(uri)) links.push({ value: uri, path: at(component(msg, raw, 3) === 'URI' ? 2 : 1) });
      } else if (type === 'ST' || type === 'TX' || type === 'FT') {
        // A text value is not split into components; its URL's '&' travels escaped as \T\.
        const text = unescapeValue(raw, msg.separators);
        for (const m of text.matchAll(URL_IN_TEXT)) if (looksLikeIid(m[0])) links.push({ value: m[0], path: at() });
      }
    });
  });
  const studies = studyUids(msg).map((s) => ({ value: s.uid, path: s.path }));
  return { links, studies, ...(reportEntry ? { references: referencedStudies(reportEntry) } : {}), linkHome: 'OBX' };
}
