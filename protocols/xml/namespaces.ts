// Namespace URIs and the prefixes we print in XPaths. SUTs may use any prefix, so elements
// are matched by URI; findings use these canonical prefixes for readable paths.
export const NS = {
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  wsa: 'http://www.w3.org/2005/08/addressing',
  xop: 'http://www.w3.org/2004/08/xop/include',
  lcm: 'urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0',
  rim: 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0',
  query: 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0',
  rs: 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0',
  xds: 'urn:ihe:iti:xds-b:2007',
  xdsi: 'urn:ihe:rad:xdsi-b:2009',
} as const;

const PREFIX_BY_URI = new Map<string, string>(Object.entries(NS).map(([prefix, uri]) => [uri, prefix === 'soap12' ? 'env' : prefix]));

export function canonicalPrefix(uri: string): string | undefined {
  return PREFIX_BY_URI.get(uri);
}
