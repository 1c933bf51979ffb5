// What the tests of one run share: the entry ITI-38 found, for ITI-39 and the home checks, and
// the community's manifest, for RAD-75.
export interface FoundEntry {
  uniqueId: string;
  repositoryUniqueId: string;
  /** SHA-1 hex and byte count from the entry's slots, when given. */
  hash?: string;
  size?: string;
}

export interface PlanState {
  found?: FoundEntry;
  /** A KOS manifest entry (application/dicom) among the found ones: where RAD-75 takes its instance from. */
  manifest?: FoundEntry;
}
