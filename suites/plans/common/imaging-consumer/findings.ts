// The finding IDs the shared consumer image checks (images.ts) produce; both consumer plans
// (imaging-document-consumer, mhd-document-consumer) list them with their own.
import type { PlanFinding } from '../../../engine/plan-module.ts';

export const IMAGING_CONSUMER_FINDINGS: readonly PlanFinding[] = [
  { id: 'idc.wado.no-retrieve', reqIds: ['WADO-011'], title: 'the consumer retrieves the images from our WADO-RS source' },
  { id: 'idc.wado.wrong-study', reqIds: ['WADO-014'], title: "the consumer retrieves the manifest's study, not another" },
  { id: 'idc.wado.wrong-series', reqIds: ['WADO-014'], title: 'the consumer retrieves only series the manifest lists' },
  { id: 'idc.wado.accept', reqIds: ['WADO-015'], title: 'the consumer asks for Part 10: multipart/related; type="application/dicom"' },
  { id: 'idc.wado.qido', reqIds: ['WADO-012'], title: 'the consumer locates studies from the manifest, not by QIDO-RS' },
  { id: 'idc.wado.metadata', reqIds: ['WADO-013'], title: 'the consumer does not need the metadata resource' },
  { id: 'idc.wado.busy-no-retry', reqIds: ['WADO-010'], title: 'after a 503 with Retry-After the consumer retrieves the resource again' },
  { id: 'idc.wado.busy-early', reqIds: ['WADO-010'], title: 'the consumer does not retry before the Retry-After delay' },
  {
    id: 'idc.kin.ko-retrieved',
    reqIds: ['KIN-012'],
    title: "the consumer flags key images without retrieving the key-image note's KO series",
  },
  { id: 'idc.kin.not-flagged', reqIds: ['KIN-012'], title: 'in the key-images-only view the flagged images are retrieved' },
  { id: 'idc.kin.study-level', reqIds: ['KIN-013'], title: 'the key-images-only view issues no study-level retrieve' },
  { id: 'idc.kin.series-level', reqIds: ['KIN-013'], title: 'the key-images-only view retrieves no whole series without a flagged image' },
];
