import type { Rule } from '../../rule.ts';
import { evidenceInstances, type KosCtx, type KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const kinListed: Rule<KosView, KosCtx> = {
  id: 'kos.kin.listed',
  reqIds: ['KIN-003'],
  severity: 'error',
  title: 'Each KIN of the study is listed in the manifest evidence',
  check(v, ctx) {
    if (ctx.study.kins.length === 0) return [];
    const listed = new Set(evidenceInstances(v).map(({ item }) => v.d.str(item, Tag.ReferencedSOPInstanceUID)));
    return ctx.study.kins
      .map((k) => ({ k, uid: k.d.str(k.root, Tag.SOPInstanceUID) }))
      .filter(({ uid }) => uid !== undefined && !listed.has(uid))
      .map(({ k, uid }) => ({
        path: TagKey.CurrentRequestedProcedureEvidenceSequence,
        message: `KIN ${uid} (${k.artefact}) is not listed in CurrentRequestedProcedureEvidenceSequence`,
      }));
  },
};
