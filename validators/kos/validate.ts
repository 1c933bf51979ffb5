// Entry points: validate one KOS from bytes, or a set of KOS files together (manifests and
// the key-image notes of the same study cross-check each other).
import type { Finding } from '../../model/finding.ts';
import { readPart10 } from '../../protocols/dicom/reader.ts';
import { Dicom } from '../../protocols/dicom/values.ts';
import { loadValueSets } from '../catalogue/value-sets.ts';
import type { ManifestFacts } from '../manifest-facts.ts';
import { runRules } from '../rule.ts';
import { kosFacts } from './facts.ts';
import { part10Structure } from './rules/part10-structure.ts';
import { PROFILES, rulesFor, type KosProfile } from './rule-sets.ts';
import { StudyGroup } from './study-group.ts';
import { isManifest, viewOf, type KosCtx, type KosView } from './view.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export interface KosInput {
  artefact: string;
  /** The file, or a loader called when needed (twice: a batch keeps no file in memory). */
  bytes: Uint8Array | (() => Uint8Array);
}

const KEEP_BYTES = 256 * 1024 * 1024;
const bytesOf = (i: KosInput): Uint8Array => (typeof i.bytes === 'function' ? i.bytes() : i.bytes);

export interface KosOptions {
  /** Default: every profile that applies to the file (by its title). Naming xds-i or mcwg treats every file as a manifest. */
  profiles?: readonly KosProfile[];
  locations?: Readonly<Record<string, string>>;
  /** See KosCtx.allowLoopbackHttp. */
  allowLoopbackHttp?: boolean;
}

export interface ReadKos {
  view?: KosView;
  facts?: ManifestFacts;
  findings: Finding[];
}

/** Reads a KOS; findings are only the reading problems. `view` is absent when nothing could be read. */
export function readKos(bytes: Uint8Array, artefact: string): ReadKos {
  const file = readPart10(bytes);
  const view = viewOf(file, artefact);
  const findings = runRules([part10Structure], view, undefined, artefact);
  if (file.dataSet.elements.size === 0) return { findings };
  if (file.problems.some((p) => p.fatal)) return { view, findings: unreadable(view) };
  return { view, facts: kosFacts(view), findings };
}

/** Validates one KOS from memory; `related` are the other KOS of its study (KINs or the manifest). */
export function validateKos(bytes: Uint8Array, opts: KosOptions & { artefact: string; related?: KosInput[] }): Finding[] {
  const results = validateKosSet([{ artefact: opts.artefact, bytes }, ...(opts.related ?? [])], opts);
  return results[0]!.findings;
}

/**
 * Validates files together: each KOS sees the others of the same study as related. Files are
 * grouped by a shallow read of their Study Instance UID, and each group is parsed, checked and
 * released in turn, so a directory of thousands of manifests never sits whole in memory.
 */
export function validateKosSet(inputs: readonly KosInput[], opts: KosOptions = {}): { artefact: string; findings: Finding[] }[] {
  const groups = new Map<string, number[]>();
  // Loaded files are kept for the second pass up to a memory budget; past it they are loaded again.
  const kept: (Uint8Array | undefined)[] = new Array(inputs.length);
  let budget = KEEP_BYTES;
  inputs.forEach((input, i) => {
    const bytes = bytesOf(input);
    if (typeof input.bytes === 'function' && bytes.length <= budget) {
      kept[i] = bytes;
      budget -= bytes.length;
    }
    const peek = readPart10(bytes, { shallow: true });
    const study = new Dicom(peek).str(peek.dataSet, Tag.StudyInstanceUID);
    const key = study === undefined ? `#${i}` : study;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const valueSets = loadValueSets();
  const profiles = opts.profiles ?? PROFILES;
  // Naming xds-i or mcwg says the object is a manifest: its rules apply (title 113030 included)
  // whatever its title says. Without named profiles the title decides.
  const declaredManifest = opts.profiles?.some((p) => p === 'xds-i' || p === 'mcwg') ?? false;
  const out: { artefact: string; findings: Finding[] }[] = new Array(inputs.length);
  for (const members of groups.values()) {
    const views = members.map((i) => {
      const bytes = kept[i] ?? bytesOf(inputs[i]!);
      kept[i] = undefined;
      return viewOf(readPart10(bytes), inputs[i]!.artefact);
    });
    // One StudyGroup per Study Instance UID of the full read, shared by its members: no file
    // scans the others (that made a batch of one study quadratic). A file without the UID
    // cross-checks nothing.
    const studies = new Map<string, KosView[]>();
    const studyOf = views.map((v) => v.d.str(v.root, Tag.StudyInstanceUID));
    views.forEach((v, k) => {
      const study = studyOf[k];
      if (study === undefined) return;
      const members = studies.get(study);
      if (members) members.push(v);
      else studies.set(study, [v]);
    });
    const byStudy = new Map([...studies].map(([study, members]) => [study, new StudyGroup(members)]));
    const alone = new StudyGroup([]);
    views.forEach((v, k) => {
      let findings: Finding[];
      if (v.root.elements.size === 0 || v.file.problems.some((p) => p.fatal)) findings = unreadable(v);
      else {
        const ctx: KosCtx = {
          valueSets,
          study: byStudy.get(studyOf[k]!) ?? alone,
          ...(opts.locations ? { locations: opts.locations } : {}),
          ...(opts.allowLoopbackHttp ? { allowLoopbackHttp: true } : {}),
        };
        findings = runRules(rulesFor(profiles, declaredManifest || isManifest(v)), v, ctx, v.artefact);
      }
      out[members[k]!] = { artefact: v.artefact, findings };
    });
  }
  return out;
}

/** A file that could not be read to its end: its reading problems, and no content checks (they would only echo the cut). */
function unreadable(v: KosView): Finding[] {
  const findings = runRules([part10Structure], v, undefined, v.artefact);
  if (v.root.elements.size > 0) {
    findings.push({
      ruleId: 'kos.part10.structure',
      reqIds: ['KOS-002'],
      severity: 'info',
      message: 'content checks skipped: the data set could not be read to its end',
      location: { artefact: v.artefact, path: '' },
    });
  }
  return findings;
}
