// A parsed XML element with its namespace URI and the XPath that locates it.
export interface XmlElement {
  /** Namespace URI, '' when none. */
  ns: string;
  /** Local name. */
  name: string;
  /** Attributes by name as written (ebRIM attributes are unprefixed). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content, trimmed. */
  text: string;
  /** XPath with canonical prefixes (rim:, lcm:, …) and 1-based positions when a name repeats. */
  path: string;
}

export function childrenOf(el: XmlElement, ns: string, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.name === name);
}

export function childOf(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.name === name);
}

/** First descendant (depth-first) with this name, the element itself included. */
export function findFirst(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  if (el.ns === ns && el.name === name) return el;
  for (const c of el.children) {
    const f = findFirst(c, ns, name);
    if (f) return f;
  }
  return undefined;
}
