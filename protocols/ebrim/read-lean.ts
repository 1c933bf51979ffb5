// readEbrimXml for callers that need only the typed message, not the XML tree (validation):
// each ExtrinsicObject of a RegistryObjectList is read as soon as it closes and its subtree
// dropped, so the garbage collector never has to carry the whole tree (a 5,000-entry query
// response is 870,000 elements). The XPath an entry gets is checked against the one the
// plain reader computes; on any doubt the document is read again the plain way, so the
// result is always exactly readEbrimXml's message.
import { readEbrim, readEbrimXml, type EbrimReadResult } from './read-message.ts';
import { readDocumentEntry } from './read-objects.ts';
import type { DocumentEntry } from './model.ts';
import { NS, parseXml, type XmlElement, type XmlLimits } from '../xml/index.ts';

const PRUNED: XmlElement[] = [];

/** Like readEbrimXml, but `root` is a pruned tree: use only `message`. */
export function readEbrimXmlLean(input: string | Uint8Array, limits?: Partial<XmlLimits>): EbrimReadResult {
  const early = new Map<XmlElement, DocumentEntry>();
  const listPaths = new Map<XmlElement, string>();
  let doubt = false;
  const x = parseXml(input, limits, (el, ancestors) => {
    if (el.name !== 'ExtrinsicObject' || el.ns !== NS.rim || ancestors.length < 2) return;
    const list = ancestors[ancestors.length - 1]!;
    if (list.name !== 'RegistryObjectList' || list.ns !== NS.rim) return;
    const id = el.attrs['id'];
    // Only the common case, an id naming the entry; anything else is read later from the tree.
    if (!id || id.includes("'")) return;
    let lp = listPaths.get(list);
    if (lp === undefined) listPaths.set(list, (lp = `${ancestors[ancestors.length - 2]!.path}/rim:RegistryObjectList`));
    try {
      early.set(el, readDocumentEntry(el, `${lp}/rim:ExtrinsicObject[@id='${id}']`));
      el.children = PRUNED;
    } catch {
      doubt = true;
    }
  });
  if (!x.ok) return x;
  if (doubt) return readEbrimXml(input, limits);
  const r = readEbrim(x.root, (el, path) => {
    const de = early.get(el);
    // Another element with the same id, or a list read under another path: the entry read
    // early carries the wrong XPaths.
    if (de && de.path !== path) doubt = true;
    return de;
  });
  return doubt ? readEbrimXml(input, limits) : r;
}
