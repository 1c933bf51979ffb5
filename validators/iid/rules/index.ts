import { iidLinkEachStudy } from './link-each-study.ts';
import { iidLinkPresent } from './link-present.ts';
import { iidLinkStudyReferenced } from './link-study-referenced.ts';
import { iidReportReadable } from './readable.ts';
import { iidUrlShape } from './url-shape.ts';

export const IID_LINK_RULES = [iidReportReadable, iidUrlShape, iidLinkPresent, iidLinkEachStudy, iidLinkStudyReferenced];
