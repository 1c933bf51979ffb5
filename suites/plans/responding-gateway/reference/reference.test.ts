// The reference Responding Gateway passes its plan, matches its golden run, and each broken
// variant fails on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { respondingGatewayPlan } from '../index.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceGateway } from './index.ts';

describeReferenceSut({
  planId: 'responding-gateway',
  title: 'reference Responding Gateway',
  plan: respondingGatewayPlan,
  start: startReferenceGateway,
  defects: DEFECTS,
});
