// The simulators the SUT facade talks to: the consumer plans' seeded world, our XDS
// registry/repository (`xds`, three manifests of one patient) and our WADO-RS source (`wado`).
export { startPlanSimulators as startWiaSimulators } from '../common/imaging-consumer/seeded-xds.ts';
