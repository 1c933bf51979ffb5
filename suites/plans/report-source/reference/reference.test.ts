// The reference report source passes its plan, matches its golden run, and each broken variant fails
// on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { reportSourcePlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceRis } from './index.ts';

describeReferenceSut({
  planId: 'report-source',
  title: 'reference report source',
  plan: reportSourcePlan,
  start: startReferenceRis,
  defects: DEFECTS,
  labelled: true, // its golden run was recorded through `mcwg run --reference`
});
