// Viewer links of a CDA report (e.g. DICOM PS3.20 imaging report): narrative linkHtml/@href
// and observationMedia or ExternalDocument reference/@value holding an IID URL. The studies
// covered are the study acts (code 113014 DCM "Study") with their id/@root.
import type { DocumentEntry } from '../../protocols/ebrim/index.ts';
import { parseXml, type XmlElement } from '../../protocols/xml/index.ts';
import { looksLikeIid } from './iid-url.ts';
import { referencedStudies } from './from-entry.ts';
import type { IidView, Located } from './view.ts';

export const CDA_NS = 'urn:hl7-org:v3';
const DCM = '1.2.840.10008.2.16.4';

export function iidViewOfCda(xml: string | Uint8Array, reportEntry?: DocumentEntry): IidView {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { links: [], studies: [], linkHome: '/', unreadable: { value: parsed.error.message, path: '/' } };
  const links: Located[] = [];
  const studies: Located[] = [];
  walk(parsed.root, (el) => {
    if (el.ns !== CDA_NS) return;
    const url = el.name === 'linkHtml' ? el.attrs['href'] : el.name === 'reference' ? el.attrs['value'] : undefined;
    if (url !== undefined && looksLikeIid(url))
      links.push({ value: url, path: `${el.path}/@${el.name === 'linkHtml' ? 'href' : 'value'}` });
    if (el.name === 'act' && el.children.some((c) => c.name === 'code' && c.attrs['code'] === '113014' && c.attrs['codeSystem'] === DCM)) {
      for (const id of el.children.filter((c) => c.name === 'id' && c.attrs['root']))
        studies.push({ value: id.attrs['root']!, path: `${id.path}/@root` });
    }
  });
  return { links, studies, ...(reportEntry ? { references: referencedStudies(reportEntry) } : {}), linkHome: parsed.root.path };
}

function walk(el: XmlElement, fn: (el: XmlElement) => void): void {
  fn(el);
  for (const c of el.children) walk(c, fn);
}
