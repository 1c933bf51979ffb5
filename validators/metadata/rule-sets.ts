// Metadata rule sets by profile: generic XDS, XDS-I.b manifest, MCWG value sets, linkage, MHD.
import { ruleSet, type RuleSet } from '../registry.ts';
import { LINK_RULES, MCWG_RULES, XDS_RULES, XDSI_RULES } from './rules/index.ts';
import { MHD_RULES } from './mhd/rule-sets.ts';

export { LINK_RULES, MCWG_RULES, METADATA_RULES, XDS_RULES, XDSI_RULES } from './rules/index.ts';

export const ruleSets: RuleSet[] = [
  ruleSet('metadata/xds', XDS_RULES),
  ruleSet('metadata/xds-i', XDSI_RULES),
  ruleSet('metadata/mcwg', MCWG_RULES),
  ruleSet('metadata/link', LINK_RULES),
  ruleSet('metadata/mhd', MHD_RULES),
];
