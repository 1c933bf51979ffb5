// Bundle.entry items as read from untrusted JSON: the type says BundleEntry, the wire may say
// null, a number or an array. Readers check here first so that `entry: [null]` is an error
// about that entry, not a TypeError further on.

export interface EntryProblem {
  index: number;
  /** FHIRPath of the entry, e.g. Bundle.entry[0] */
  path: string;
  message: string;
}

/** Entries that are not JSON objects, each with its FHIRPath; [] when `entry` is absent. */
export function nonObjectEntries(bundle: unknown): EntryProblem[] {
  const entry = (bundle as { entry?: unknown } | null)?.entry;
  if (entry === undefined) return [];
  if (!Array.isArray(entry)) return [{ index: -1, path: 'Bundle.entry', message: `Bundle.entry must be an array; found ${kindOf(entry)}` }];
  const out: EntryProblem[] = [];
  entry.forEach((e: unknown, index) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e))
      out.push({ index, path: `Bundle.entry[${index}]`, message: `Bundle.entry[${index}] must be an object; found ${kindOf(e)}` });
  });
  return out;
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
