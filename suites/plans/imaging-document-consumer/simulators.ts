// The simulators this plan talks through: our XDS registry/repository and WADO-RS source,
// seeded with three studies (shared with the MHD consumer plan: ../common/imaging-consumer/).
export { startPlanSimulators } from '../common/imaging-consumer/seeded-xds.ts';
