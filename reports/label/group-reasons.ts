// A label's reasons for display: a role with thirty untested requirements reads as one line
// naming them, not thirty lines. Only same-level, same-wording reasons are merged; refusals
// and anything else keep their own line and their order.
// Optional 'warning: ' prefix (SHOULD reasons), ID, level, the words after.
const PER_REQUIREMENT = /^(warning: )?(\S+) \((SHALL|SHOULD|MAY)\) (.+)$/;

/** Merges three or more "ID (LEVEL) same words" reasons into "N LEVEL requirements …: IDs", at the first one's place. */
export function groupReasons(reasons: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const r of reasons) {
    const m = PER_REQUIREMENT.exec(r);
    if (!m) continue;
    const key = `${m[1] ?? ''}\u0000${m[3]}\u0000${m[4]}`;
    groups.set(key, [...(groups.get(key) ?? []), m[2]!]);
  }
  const out: string[] = [];
  const done = new Set<string>();
  for (const r of reasons) {
    const m = PER_REQUIREMENT.exec(r);
    const key = m ? `${m[1] ?? ''}\u0000${m[3]}\u0000${m[4]}` : undefined;
    const ids = key === undefined ? undefined : groups.get(key);
    if (!m || !ids || ids.length < 3) {
      out.push(r);
      continue;
    }
    if (done.has(key!)) continue;
    done.add(key!);
    out.push(`${m[1] ?? ''}${ids.length} ${m[3]} requirements ${m[4]!.replace(/^was /, 'were ')}: ${ids.join(', ')}`);
  }
  return out;
}
