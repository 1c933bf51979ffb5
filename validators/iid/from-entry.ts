// Study UIDs of a report's referenceIdList (ebRIM DocumentEntry or a DocumentReference mapped
// back to one): what LINK-011 compares the links' studyUID parameters against.
import type { DocumentEntry } from '../../protocols/ebrim/index.ts';
import { REF_TYPE, referenceIds } from '../metadata/entries.ts';
import type { Located } from './view.ts';

export function referencedStudies(entry: DocumentEntry): Located[] {
  return referenceIds(entry)
    .filter((r) => r.type === REF_TYPE.study)
    .map((r) => ({ value: r.id, path: r.path }));
}
