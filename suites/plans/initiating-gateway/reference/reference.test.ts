// The reference Initiating Gateway passes its plan, matches its golden run, and each broken
// variant fails on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { initiatingGatewayPlan } from '../index.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceGateway } from './index.ts';

describeReferenceSut({
  planId: 'initiating-gateway',
  title: 'reference Initiating Gateway',
  plan: initiatingGatewayPlan,
  start: startReferenceGateway,
  defects: DEFECTS,
  timeoutMs: 60_000,
});
