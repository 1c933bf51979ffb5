// A single-pass XML scanner building XmlElement trees directly. It checks what well-formedness
// needs for untrusted input (tag nesting, quoting, duplicate attributes, only the predefined
// entities and character references, one root) and nothing a DTD could add: DTDs are refused
// before scanning. Written for speed: indexOf over one string, no intermediate objects.
import { canonicalPrefix } from './namespaces.ts';
import type { XmlElement } from './xml-element.ts';
import type { XmlError } from './xml-error.ts';
import { isXmlChar } from './xml-chars.ts';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

// Most elements are leaves: they share one empty array until a first child arrives.
const NO_CHILDREN: Node[] = [];

class Node implements XmlElement {
  children: Node[] = NO_CHILDREN;
  text = '';
  constructor(
    readonly ns: string,
    readonly name: string,
    readonly attrs: Record<string, string>,
    readonly parent: Node | undefined,
  ) {}

  // Paths are computed on demand: most elements never need one.
  get path(): string {
    const canon = canonicalPrefix(this.ns);
    const step = canon ? `${canon}:${this.name}` : this.ns ? `*[local-name()='${this.name}']` : this.name;
    const p = this.parent;
    if (!p) return `/${step}`;
    let n = 0;
    let pos = 0;
    for (const s of p.children) {
      if (s.name === this.name && s.ns === this.ns) {
        n++;
        if (s === this) pos = n;
      }
    }
    return `${p.path}/${step}${n > 1 ? `[${pos}]` : ''}`;
  }
}

class ScanError extends Error {
  constructor(
    readonly code: XmlError['code'],
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, at: number): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([^;&\s]*);?/g, (m, name: string, off: number) => {
    if (!m.endsWith(';')) throw new ScanError('malformed', `'&' not starting an entity reference`, at + off);
    if (name.startsWith('#')) {
      const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isFinite(cp) || !isXmlChar(cp)) throw new ScanError('malformed', `invalid character reference &${name};`, at + off);
      return String.fromCodePoint(cp);
    }
    const v = PREDEFINED[name];
    if (v === undefined) throw new ScanError('malformed', `undeclared entity &${name};`, at + off);
    return v;
  });
}

/** Whether s has `w` at `at` (the caller has checked that the lengths fit). */
function hasAt(s: string, at: number, w: string): boolean {
  for (let k = 0; k < w.length; k++) if (s.charCodeAt(at + k) !== w.charCodeAt(k)) return false;
  return true;
}

/**
 * Element and attribute names repeat a few dozen times over in a document: the names already
 * met are reused instead of slicing a new string for every tag (fewer allocations, and
 * attribute keys that are already internalized).
 */
class Names {
  private readonly byLength: string[][] = [];
  private count = 0;
  get(s: string, from: number, to: number): string {
    const n = to - from;
    const list = this.byLength[n];
    if (list) for (const w of list) if (hasAt(s, from, w)) return w;
    const w = s.slice(from, to);
    if (this.count < 256) {
      (this.byLength[n] ??= []).push(w);
      this.count++;
    }
    return w;
  }
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Called as each element closes, with its open ancestors (root first). A reader may read the
 * element there and prune its children, so a big document never sits whole in memory.
 */
export type OnClose = (el: XmlElement, ancestors: readonly XmlElement[]) => void;

export function scanXml(text: string, maxDepth: number, onClose?: OnClose): XmlElement | XmlError {
  try {
    return scan(text, maxDepth, onClose);
  } catch (err) {
    if (err instanceof ScanError) {
      const before = text.slice(0, err.offset);
      const line = before.split('\n').length;
      const col = err.offset - before.lastIndexOf('\n');
      return { code: err.code, offset: err.offset, message: `${err.message} at line ${line}, column ${col}` };
    }
    throw err;
  }
}

function scan(s: string, maxDepth: number, onClose: OnClose | undefined): XmlElement {
  const len = s.length;
  // Open elements as parallel stacks: no frame object per element (the tree is big enough
  // for the garbage collector already).
  const nodes: Node[] = [];
  const qnames: string[] = [];
  const scopes: Map<string, string>[] = [];
  let root: Node | undefined;
  let scope = new Map<string, string>([['xml', XML_NS]]);
  const names = new Names();
  const qnameParts = new Map<string, [prefix: string, local: string]>();
  let i = 0;
  while (i < len) {
    const lt = s.indexOf('<', i);
    const end = lt < 0 ? len : lt;
    if (end > i) {
      const top = nodes[nodes.length - 1];
      const raw = s.slice(i, end);
      if (top) top.text = top.text === '' ? decode(raw, i) : top.text + decode(raw, i);
      else if (raw.trim() !== '') throw new ScanError('malformed', 'text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    const c1 = s.charCodeAt(i + 1);
    if (c1 === 0x3f /* ? */) {
      const e = s.indexOf('?>', i + 2);
      if (e < 0) throw new ScanError('malformed', 'unterminated processing instruction', i);
      i = e + 2;
    } else if (c1 === 0x21 /* ! */) {
      if (s.startsWith('<!--', i)) {
        const e = s.indexOf('-->', i + 4);
        if (e < 0) throw new ScanError('malformed', 'unterminated comment', i);
        i = e + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        const e = s.indexOf(']]>', i + 9);
        const top = nodes[nodes.length - 1];
        if (e < 0 || !top) throw new ScanError('malformed', 'CDATA section outside an element or unterminated', i);
        top.text += s.slice(i + 9, e);
        i = e + 3;
      } else throw new ScanError('malformed', 'markup declaration outside a DTD', i);
    } else if (c1 === 0x2f /* / */) {
      const gt = s.indexOf('>', i + 2);
      if (gt < 0) throw new ScanError('malformed', 'unterminated end tag', i);
      const open = qnames.pop();
      const top = nodes.pop();
      scopes.pop();
      // The usual case, the open name then '>' or white space, needs no slice.
      let same = open !== undefined && i + 2 + open.length <= gt && hasAt(s, i + 2, open);
      if (same) for (let w = i + 2 + open!.length; w < gt; w++) if (!isWs(s.charCodeAt(w))) same = false;
      if (!top || !same) {
        const qname = s.slice(i + 2, gt).trimEnd();
        if (!top || open !== qname)
          throw new ScanError('malformed', `end tag </${qname}> does not match ${open ? `<${open}>` : 'any open element'}`, i);
      }
      if (top.text !== '') top.text = top.text.trim();
      if (scopes.length) scope = scopes[scopes.length - 1]!;
      if (onClose) onClose(top, nodes);
      i = gt + 1;
    } else {
      // Start tag: name, attributes, then '>' or '/>'.
      let j = i + 1;
      while (j < len) {
        const c = s.charCodeAt(j);
        if (isWs(c) || c === 0x3e || c === 0x2f) break;
        j++;
      }
      const qname = names.get(s, i + 1, j);
      if (qname === '' || qname.includes('<')) throw new ScanError('malformed', 'invalid start tag', i);
      const attrs: Record<string, string> = {};
      let newScope: Map<string, string> | undefined;
      let selfClose = false;
      for (;;) {
        while (j < len && isWs(s.charCodeAt(j))) j++;
        if (j >= len) throw new ScanError('malformed', `unterminated start tag <${qname}>`, i);
        const c = s.charCodeAt(j);
        if (c === 0x3e) {
          j++;
          break;
        }
        if (c === 0x2f) {
          if (s.charCodeAt(j + 1) !== 0x3e) throw new ScanError('malformed', `'/' not followed by '>' in <${qname}>`, j);
          selfClose = true;
          j += 2;
          break;
        }
        const eq = s.indexOf('=', j);
        if (eq < 0) throw new ScanError('malformed', `attribute without value in <${qname}>`, j);
        let ae = j;
        while (ae < eq) {
          const ch = s.charCodeAt(ae);
          if (isWs(ch) || ch === 0x3c || ch === 0x3e || ch === 0x22 || ch === 0x27 || ch === 0x2f) break;
          ae++;
        }
        for (let w = ae; w < eq; w++)
          if (!isWs(s.charCodeAt(w))) throw new ScanError('malformed', `invalid attribute name in <${qname}>`, j);
        const aname = names.get(s, j, ae);
        if (aname === '') throw new ScanError('malformed', `invalid attribute name in <${qname}>`, j);
        let q = eq + 1;
        while (q < len && isWs(s.charCodeAt(q))) q++;
        const quote = s[q];
        if (quote !== '"' && quote !== "'") throw new ScanError('malformed', `attribute ${aname} of <${qname}> is not quoted`, q);
        const close = s.indexOf(quote, q + 1);
        if (close < 0) throw new ScanError('malformed', `unterminated value of attribute ${aname}`, q);
        const raw = s.slice(q + 1, close);
        if (raw.indexOf('<') >= 0) throw new ScanError('malformed', `'<' in the value of attribute ${aname}`, q);
        if (aname in attrs || (aname.startsWith('xmlns') && newScope?.has(aname === 'xmlns' ? '' : aname.slice(6))))
          throw new ScanError('malformed', `duplicate attribute ${aname} in <${qname}>`, j);
        const value = decode(raw, q + 1);
        if (aname === 'xmlns' || aname.startsWith('xmlns:')) {
          newScope ??= new Map(scope);
          newScope.set(aname === 'xmlns' ? '' : aname.slice(6), value);
        } else attrs[aname] = value;
        j = close + 1;
      }
      const elScope = newScope ?? scope;
      const colon = qname.indexOf(':');
      let prefix = '';
      let local = qname;
      if (colon >= 0) {
        let parts = qnameParts.get(qname);
        if (parts === undefined) qnameParts.set(qname, (parts = [qname.slice(0, colon), qname.slice(colon + 1)]));
        prefix = parts[0];
        local = parts[1];
      }
      const ns = elScope.get(prefix);
      if (ns === undefined && prefix !== '')
        throw new ScanError('unbound-prefix', `prefix '${prefix}' of <${qname}> is not bound to a namespace`, i);
      const parent = nodes[nodes.length - 1];
      if (!parent && root) throw new ScanError('malformed', 'more than one root element', i);
      const node = new Node(ns ?? '', local, attrs, parent);
      if (parent) {
        if (parent.children === NO_CHILDREN) parent.children = [node];
        else parent.children.push(node);
      } else root = node;
      if (!selfClose) {
        if (nodes.length >= maxDepth) throw new ScanError('too-deep', `element nesting deeper than ${maxDepth} levels is refused`, i);
        nodes.push(node);
        qnames.push(qname);
        scopes.push(elScope);
        scope = elScope;
      } else if (onClose) onClose(node, nodes);
      i = j;
    }
  }
  if (qnames.length) throw new ScanError('malformed', `document ends inside <${qnames[qnames.length - 1]!}>`, len);
  if (!root) throw new ScanError('malformed', 'no root element', 0);
  return root;
}
