import type { RuleSet } from '../registry.ts';

// The KOS rule sets arrive with the KOS validator (issue 4).
export const ruleSets: RuleSet[] = [];
