// The audit profile: DICOM PS3.15 A.5 audit messages checked against the IHE audit tables.
import { ruleSet, type RuleSet } from '../registry.ts';
import { AUDIT_RULES } from './rules/index.ts';

export const ruleSets: RuleSet[] = [ruleSet('audit/dicom', AUDIT_RULES)];
