// Shared result types. Every layer may import model/; model/ imports nothing of ours.

export type Severity = 'error' | 'warning' | 'info';

export interface FindingLocation {
  /** The artefact the finding is about: a file path, an exchange id, a message control id. */
  artefact: string;
  /** Path in the artefact's own terms: DICOM tag path, XPath, FHIRPath, HL7 field, byte offset. */
  path: string;
}

export interface Finding {
  ruleId: string;
  reqIds: string[];
  severity: Severity;
  /** Names the field, what was expected and what was found. */
  message: string;
  location: FindingLocation;
  /** Evidence ids (see Exchange.id) this finding was drawn from, when any. */
  evidence?: string[];
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: severity, then location (indices numerically), then rule, then message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.location.artefact, b.location.artefact) ||
      cmp(pathKey(a.location.path), pathKey(b.location.path)) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A path as a sort key: item indices and field numbers (a number after '[', '-' or '.', as in
 * `part[10]`, `OBX[2]-5`, `PID-11.4`) are zero-padded so `[2]` sorts before `[10]`. Digits after
 * '(' or ',' stay as written: DICOM tags are fixed-width hex and already sort as text.
 */
function pathKey(path: string): string {
  return path.replace(/([[.-])(\d+)/g, (_, lead: string, n: string) => `${lead}${n.padStart(12, '0')}`);
}
