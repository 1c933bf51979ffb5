// The hl7v2 profiles: message rules for every ER7 message, linkage rules when a manifest is given.
import { ruleSet, type RuleSet } from '../registry.ts';
import { HL7_LINK_RULES, HL7_MESSAGE_RULES } from './rules/index.ts';

export const ruleSets: RuleSet[] = [ruleSet('hl7v2/message', HL7_MESSAGE_RULES), ruleSet('hl7v2/linkage', HL7_LINK_RULES)];
