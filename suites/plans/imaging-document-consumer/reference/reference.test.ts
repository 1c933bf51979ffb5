// The reference Imaging Document Consumer passes its plan, matches its golden run, and each
// broken variant fails on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { imagingDocumentConsumerPlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceConsumer } from './index.ts';

describeReferenceSut({
  planId: 'imaging-document-consumer',
  title: 'reference Imaging Document Consumer',
  // A variant that never sends a request fails on this wait instead of the default 120 s.
  plan: () => imagingDocumentConsumerPlan({ waitMs: 3_000 }),
  start: startReferenceConsumer,
  defects: DEFECTS,
  labelled: true, // its golden run was recorded through `mcwg run --reference`
});
