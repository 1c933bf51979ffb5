// The IID link profile: viewer URLs carried in reports (HL7 v2, MHD, CDA).
import { ruleSet, type RuleSet } from '../registry.ts';
import { IID_LINK_RULES } from './rules/index.ts';

export const ruleSets: RuleSet[] = [ruleSet('iid/report-links', IID_LINK_RULES)];
