// The simulators this plan talks through: our lenient XDS registry + repository (`xds`) that
// the SUT publishes its manifest to (shared with other plans: ../common/xds-simulator.ts).
export { startLenientXds as startPlanSimulators } from '../common/xds-simulator.ts';
