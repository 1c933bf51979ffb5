// The golden run.json of the reference SUT, compared with timestamps, durations and what
// changes from one run to the next (free ports, random exchange ids, temp paths) masked.
import { packageUrl } from '../../model/package-root.ts';

export const GOLDEN_FILE = packageUrl('fixtures/golden/imaging-document-source.run.json');

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** A copy of a run.json with every run-to-run difference replaced by a stable placeholder. */
export function maskRun(run: unknown): unknown {
  const ids = new Map<string, string>();
  const idOf = (id: string) => {
    if (!ids.has(id)) ids.set(id, `E${ids.size + 1}`);
    return ids.get(id)!;
  };
  const str = (s: string) =>
    s
      .replace(UUID, 'UUID')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
      .replace(/\/[^\s'"]*mcwg-reference-[^\s/'"]+/g, 'DATA')
      .replace(/\bwado-\d+\b/g, 'wado-N');
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      if (key === 'at' || key === 'startedAt' || key === 'endedAt') return 'TIME';
      return str(v);
    }
    if (typeof v === 'number') return key === 'durationMs' ? 0 : v;
    if (Array.isArray(v)) return key === 'evidence' ? v.map((x) => (typeof x === 'string' ? idOf(x) : walk(x))) : v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = k === 'version' && key === 'tool' ? 'VERSION' : walk(x, k);
      return out;
    }
    return v;
  };
  return walk(run);
}
