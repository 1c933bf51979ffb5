// Input limits for untrusted XML. Defaults fit registry metadata; callers may raise them.
export interface XmlLimits {
  /** Bytes (UTF-8) accepted before parsing starts. */
  maxBytes: number;
  /** Element nesting depth; ebRIM needs about 10. */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 64 * 1024 * 1024, maxDepth: 64 };
