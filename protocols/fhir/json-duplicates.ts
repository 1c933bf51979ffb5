// Duplicate member names in JSON objects. RFC 8259 §4 leaves their meaning to the parser and
// JSON.parse keeps the last one silently, so {"resourceType":"Bundle","resourceType":"Patient"}
// would be read as whichever came last; FHIR JSON (R4 json.html) does not allow them. This
// scan runs only on text JSON.parse already accepted, so it only needs to find strings and
// structure, not to validate grammar: one pass, indexOf to skip string bodies.

export interface DuplicateKey {
  key: string;
  /** JSONPath of the object holding the key twice, e.g. $.entry[3].resource */
  path: string;
  /** String index of the second occurrence. */
  index: number;
}

interface Frame {
  keys: Set<string> | undefined; // undefined for arrays
  /** Array: index of the current element; object: the key being read. */
  at: number | string;
  /** Whether the next string in this object is a key. */
  expectKey: boolean;
}

export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = endOfString(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        // Escapes make "\u0072esourceType" the same name as "resourceType".
        const key = raw.indexOf('\\') < 0 ? raw : (JSON.parse(text.slice(i, end + 1)) as string);
        if (top.keys.has(key)) return { key, path: pathOf(stack), index: i };
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b /* { */) stack.push({ keys: new Set(), at: '', expectKey: true });
    else if (c === 0x5b /* [ */) stack.push({ keys: undefined, at: 0, expectKey: false });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.keys) top.expectKey = true;
        else top.at = (top.at as number) + 1;
      }
    }
    i++;
  }
  return undefined;
}

/** Index of the closing quote of the string opening at `open`. */
function endOfString(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  for (;;) {
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
}

/** JSONPath of the innermost open object (the frames below it say how it was reached). */
function pathOf(stack: readonly Frame[]): string {
  let p = '$';
  for (let k = 0; k < stack.length - 1; k++) {
    const at = stack[k]!.at;
    p += typeof at === 'number' ? `[${at}]` : /^[A-Za-z_$][\w$]*$/.test(at) ? `.${at}` : `[${JSON.stringify(at)}]`;
  }
  return p;
}
