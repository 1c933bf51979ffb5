import type { Rule, RuleHit } from '../../rule.ts';
import type { KosCtx, KosView } from '../view.ts';
import { contentContext } from './content-context.ts';
import { contentReferences } from './content-references.ts';
import { evidenceMatchesContent } from './evidence-matches-content.ts';
import { rootContainer } from './root-container.ts';
import { template2010 } from './template-2010.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

const PARTS: Rule<KosView>[] = [rootContainer, template2010, contentReferences, contentContext, evidenceMatchesContent];

// KIN-011 applies the manifest's TID 2010 checks to each key-image note.
export const kinTid2010: Rule<KosView, KosCtx> = {
  id: 'kin.tid2010',
  reqIds: ['KIN-011'],
  severity: 'error',
  title: 'A key-image note conforms to TID 2010 (KOS-009, -011, -012, -013, -014)',
  check(v) {
    const hits: RuleHit[] = [];
    for (const part of PARTS) for (const h of part.check(v, undefined)) hits.push({ ...h, reqIds: ['KIN-011', ...part.reqIds] });
    const refs = v.d.items(v.root, Tag.ContentSequence).filter((i) => v.d.has(i, Tag.ReferencedSOPSequence)).length;
    if (refs === 0)
      hits.push({
        path: TagKey.ContentSequence,
        reqIds: ['KIN-001'],
        message: 'the content tree references no instance: nothing is flagged',
      });
    return hits;
  },
};
