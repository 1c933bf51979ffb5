// The reference WADO-RS source passes its plan, matches its golden run, and each broken variant fails
// on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { wadoRsSourcePlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceWadoRs } from './index.ts';

describeReferenceSut({
  planId: 'wado-rs-source',
  title: 'reference WADO-RS source',
  plan: wadoRsSourcePlan,
  start: startReferenceWadoRs,
  defects: DEFECTS,
  labelled: true, // its golden run was recorded through `mcwg run --reference`
});
