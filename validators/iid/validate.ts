// Entry points: one report in, IID link findings out. Never throws; unreadable input is a finding.
import type { DocumentReference } from 'fhir/r4.js';
import type { Finding } from '../../model/finding.ts';
import type { DocumentEntry } from '../../protocols/ebrim/index.ts';
import { hl7View } from '../hl7v2/validate.ts';
import { runRules, type SeverityOverrides } from '../rule.ts';
import { iidViewOfCda } from './from-cda.ts';
import { iidViewOfDocumentReference } from './from-fhir.ts';
import { iidViewOfHl7 } from './from-hl7.ts';
import { IID_LINK_RULES } from './rules/index.ts';
import type { IidView } from './view.ts';

export interface IidLinkOptions {
  /** The report's own metadata entry, for LINK-011 against its referenceIdList. */
  reportEntry?: DocumentEntry;
  overrides?: SeverityOverrides;
}

export function checkIidLinks(view: IidView, artefact: string, overrides?: SeverityOverrides): Finding[] {
  return runRules(IID_LINK_RULES, view, undefined, artefact, overrides);
}

/** Plain ER7 or one MLLP frame, as `mcwg validate hl7` reads files. */
export function validateIidLinksHl7(er7: string | Uint8Array, artefact: string, o: IidLinkOptions = {}): Finding[] {
  const v = hl7View(typeof er7 === 'string' ? Buffer.from(er7, 'utf8') : er7, 'file');
  const view: IidView = v.message
    ? iidViewOfHl7(v.message, o.reportEntry)
    : {
        links: [],
        studies: [],
        linkHome: 'MSH',
        unreadable: { value: v.parseError?.message ?? 'no message', path: v.parseError?.path ?? '' },
      };
  return checkIidLinks(view, artefact, o.overrides);
}

export function validateIidLinksDocumentReference(dr: unknown, artefact: string, o: IidLinkOptions = {}): Finding[] {
  const unreadable = (why: string): IidView => ({
    links: [],
    studies: [],
    linkHome: 'DocumentReference',
    unreadable: { value: why, path: 'DocumentReference' },
  });
  const ok = typeof dr === 'object' && dr !== null && (dr as { resourceType?: unknown }).resourceType === 'DocumentReference';
  let view: IidView;
  try {
    view = ok ? iidViewOfDocumentReference(dr as DocumentReference) : unreadable('not a DocumentReference resource');
  } catch (err) {
    // JSON that claims to be a DocumentReference but has the wrong shapes (content not an array…).
    view = unreadable(`malformed DocumentReference: ${err instanceof Error ? err.message : String(err)}`);
  }
  return checkIidLinks(view, artefact, o.overrides);
}

export function validateIidLinksCda(xml: string | Uint8Array, artefact: string, o: IidLinkOptions = {}): Finding[] {
  return checkIidLinks(iidViewOfCda(xml, o.reportEntry), artefact, o.overrides);
}
