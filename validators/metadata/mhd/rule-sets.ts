import { bundleContent } from './rules/bundle-content.ts';
import { bundleHashSize } from './rules/bundle-hash-size.ts';
import { bundleProfile } from './rules/bundle-profile.ts';
import { eventSystems } from './rules/event-systems.ts';
import { masterIdentifier } from './rules/master-identifier.ts';
import { relatedTyping } from './rules/related-typing.ts';
import { subjectPresent } from './rules/subject.ts';

export const MHD_RULES = [bundleProfile, bundleContent, bundleHashSize, subjectPresent, masterIdentifier, eventSystems, relatedTyping];
