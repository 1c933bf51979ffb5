// The plans `mcwg run PLAN` knows, loaded lazily, and the built-in reference SUT of each behind
// `mcwg run --reference`. One line per plan in each list.
import type { Simulator } from '../../model/exchange.ts';
import type { PlanDef } from '../engine/dsl.ts';
import type { SutProfile } from '../profiles/profile.ts';

export type PlanLoader = () => Promise<PlanDef>;

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

/** Starts the simulators a plan's SUT talks to (on port 0, data under dataDir); keyed by name as steps see them. */
export type SimulatorStarter = (opts: { dataDir: string; sut: SutProfile }) => Promise<Record<string, Simulator>>;

export const PLAN_SIMULATORS: Readonly<Record<string, SimulatorStarter>> = {
  'imaging-document-source': async (o) => (await import('./imaging-document-source/simulators.ts')).startPlanSimulators(o),
  'report-source': async (o) => (await import('./report-source/simulators.ts')).startPlanSimulators(o),
  'imaging-document-consumer': async (o) => (await import('./imaging-document-consumer/simulators.ts')).startPlanSimulators(o),
  'common-imaging-gateway': async (o) => (await import('./common-imaging-gateway/simulators.ts')).startPlanSimulators(o),
  'mhd-document-source': async (o) => (await import('./mhd-document-source/simulators.ts')).startPlanSimulators(o),
  'mhd-document-consumer': async (o) => (await import('./mhd-document-consumer/simulators.ts')).startPlanSimulators(o),
};

/** A running reference SUT: its profile, the simulators the plan talks to, and a stop. */
export interface RunningSut {
  sut: SutProfile;
  simulators: Record<string, Simulator>;
  stop(): Promise<void>;
}

export interface ReferenceSut {
  planId: string;
  /** One line for the tester: what starting it builds and runs. */
  description?: string;
  /** Commands of independent peers it starts (e.g. Orthanc); without them it cannot run. */
  needs?: string[];
  start(opts: { dataDir: string }): Promise<RunningSut>;
}

/**
 * The built-in reference SUT of each plan, keyed by plan id: `mcwg run --reference` runs them
 * all, `mcwg run PLAN --reference` one. Loaded on use: the CLI starts fast without --reference.
 * One line per plan.
 */
export const REFERENCES: Readonly<Record<string, ReferenceSut>> = {
  'imaging-document-source': {
    planId: 'imaging-document-source',
    description: 'builds its study and starts its WADO-RS source and our XDS registry/repository',
    start: async (opts) => (await import('../reference-sut/index.ts')).startReferenceSut(opts),
  },
  'wado-rs-source': {
    planId: 'wado-rs-source',
    description: 'builds its study and manifest and starts its WADO-RS source',
    start: async (opts) => (await import('../reference-sut/wado-rs-source/index.ts')).startReferenceWadoRs(opts),
  },
  'report-source': {
    planId: 'report-source',
    description: 'starts our RIS receiver and sends its ORU^R01 report to it',
    start: async (opts) => (await import('../reference-sut/report-source/index.ts')).startReferenceRis(opts),
  },
  'imaging-document-consumer': {
    planId: 'imaging-document-consumer',
    description: 'seeds our registry/repository and WADO-RS source with three studies and starts its consumer',
    start: async (opts) => (await import('../reference-sut/imaging-document-consumer/index.ts')).startReferenceConsumer(opts),
  },
  'document-registry-repository': {
    planId: 'document-registry-repository',
    description: 'starts our XDS registry/repository (SQLite) behind a pass-through proxy',
    start: async (opts) => (await import('../reference-sut/document-registry-repository/index.ts')).startReferenceRegistry(opts),
  },
  'common-imaging-gateway': {
    planId: 'common-imaging-gateway',
    description: 'starts Orthanc as the legacy PACS, our registry and a remote WADO-RS source, and the reference gateway',
    needs: ['Orthanc'],
    start: async (opts) => (await import('../reference-sut/common-imaging-gateway/index.ts')).startReferenceGateway(opts),
  },
  'mhd-document-responder': {
    planId: 'mhd-document-responder',
    description: 'starts our MHD Document Recipient/Responder (SQLite) behind a pass-through proxy',
    start: async (opts) => (await import('../reference-sut/mhd-document-responder/index.ts')).startReferenceMhd(opts),
  },
  'mhd-document-source': {
    planId: 'mhd-document-source',
    description: 'starts our MHD Document Recipient and publishes its ITI-65 Bundles to it',
    start: async (opts) => (await import('../reference-sut/mhd-document-source/index.ts')).startReferenceMhdSource(opts),
  },
  'mhd-document-consumer': {
    planId: 'mhd-document-consumer',
    description: 'seeds our MHD responder and WADO-RS source, then finds and opens the target study',
    start: async (opts) => (await import('../reference-sut/mhd-document-consumer/index.ts')).startReferenceMhdConsumer(opts),
  },
};
