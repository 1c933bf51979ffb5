// The reference MHD Document Consumer passes its plan, matches its golden run, and each broken variant fails
// on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { mhdDocumentConsumerPlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceMhdConsumer } from './index.ts';

describeReferenceSut({
  planId: 'mhd-document-consumer',
  title: 'reference MHD Document Consumer',
  // Short waits: a variant that never acts fails fast.
  plan: () => mhdDocumentConsumerPlan({ waitMs: 5_000 }),
  start: startReferenceMhdConsumer,
  defects: DEFECTS,
  runOptions: { pollMs: 20 },
});
