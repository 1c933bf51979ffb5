// The plans `mcwg run PLAN` knows, loaded lazily, and the built-in reference SUT of each behind
// `mcwg run --reference`. One line per plan in each list.
import type { PlanLoader, ReferenceSut, SimulatorStarter } from '../engine/plan-module.ts';

export type { PlanLoader, ReferenceSut, RunningSut, SimulatorStarter } from '../engine/plan-module.ts';

export const PLANS: Readonly<Record<string, PlanLoader>> = {
  'imaging-document-source': async () => (await import('./imaging-document-source/index.ts')).imagingDocumentSourcePlan(),
  'wado-rs-source': async () => (await import('./wado-rs-source/index.ts')).wadoRsSourcePlan(),
  'report-source': async () => (await import('./report-source/index.ts')).reportSourcePlan(),
  'imaging-document-consumer': async () => (await import('./imaging-document-consumer/index.ts')).imagingDocumentConsumerPlan(),
  'document-registry-repository': async () => (await import('./document-registry-repository/index.ts')).documentRegistryRepositoryPlan(),
  'common-imaging-gateway': async () => (await import('./common-imaging-gateway/index.ts')).commonImagingGatewayPlan(),
  'mhd-document-responder': async () => (await import('./mhd-document-responder/index.ts')).mhdDocumentResponderPlan(),
  'mhd-document-source': async () => (await import('./mhd-document-source/index.ts')).mhdDocumentSourcePlan(),
  'mhd-document-consumer': async () => (await import('./mhd-document-consumer/index.ts')).mhdDocumentConsumerPlan(),
};

export const PLAN_SIMULATORS: Readonly<Record<string, SimulatorStarter>> = {
  'imaging-document-source': async (o) => (await import('./imaging-document-source/simulators.ts')).startPlanSimulators(o),
  'report-source': async () => (await import('./report-source/simulators.ts')).startPlanSimulators(),
  'imaging-document-consumer': async (o) => (await import('./common/imaging-consumer/seeded-xds.ts')).startPlanSimulators(o),
  'common-imaging-gateway': async (o) => (await import('./common-imaging-gateway/simulators.ts')).startPlanSimulators(o),
  'mhd-document-source': async (o) => (await import('./mhd-document-source/simulators.ts')).startPlanSimulators(o),
  'mhd-document-consumer': async (o) => (await import('./mhd-document-consumer/simulators.ts')).startPlanSimulators(o),
};

/**
 * The built-in reference SUT of each plan, keyed by plan id: `mcwg run --reference` runs them
 * all, `mcwg run PLAN --reference` one. Loaded on use: the CLI starts fast without --reference.
 * One line per plan.
 */
export const REFERENCES: Readonly<Record<string, ReferenceSut>> = {
  'imaging-document-source': {
    planId: 'imaging-document-source',
    description: 'builds its study and starts its WADO-RS source and our XDS registry/repository',
    start: async (opts) => (await import('./imaging-document-source/reference/index.ts')).startReferenceSut(opts),
  },
  'wado-rs-source': {
    planId: 'wado-rs-source',
    description: 'builds its study and manifest and starts its WADO-RS source',
    start: async (opts) => (await import('./wado-rs-source/reference/index.ts')).startReferenceWadoRs(opts),
  },
  'report-source': {
    planId: 'report-source',
    description: 'starts our RIS receiver and sends its ORU^R01 report to it',
    start: async (opts) => (await import('./report-source/reference/index.ts')).startReferenceRis(opts),
  },
  'imaging-document-consumer': {
    planId: 'imaging-document-consumer',
    description: 'seeds our registry/repository and WADO-RS source with three studies and starts its consumer',
    start: async (opts) => (await import('./imaging-document-consumer/reference/index.ts')).startReferenceConsumer(opts),
  },
  'document-registry-repository': {
    planId: 'document-registry-repository',
    description: 'starts our XDS registry/repository (SQLite) behind a pass-through proxy',
    start: async (opts) => (await import('./document-registry-repository/reference/index.ts')).startReferenceRegistry(opts),
  },
  'common-imaging-gateway': {
    planId: 'common-imaging-gateway',
    description: 'starts Orthanc as the legacy PACS, our registry and a remote WADO-RS source, and the reference gateway',
    needs: ['Orthanc'],
    start: async (opts) => (await import('./common-imaging-gateway/reference/index.ts')).startReferenceGateway(opts),
  },
  'mhd-document-responder': {
    planId: 'mhd-document-responder',
    description: 'starts our MHD Document Recipient/Responder (SQLite) behind a pass-through proxy',
    start: async (opts) => (await import('./mhd-document-responder/reference/index.ts')).startReferenceMhd(opts),
  },
  'mhd-document-source': {
    planId: 'mhd-document-source',
    description: 'starts our MHD Document Recipient and publishes its ITI-65 Bundles to it',
    start: async (opts) => (await import('./mhd-document-source/reference/index.ts')).startReferenceMhdSource(opts),
  },
  'mhd-document-consumer': {
    planId: 'mhd-document-consumer',
    description: 'seeds our MHD responder and WADO-RS source, then finds and opens the target study',
    start: async (opts) => (await import('./mhd-document-consumer/reference/index.ts')).startReferenceMhdConsumer(opts),
  },
};
