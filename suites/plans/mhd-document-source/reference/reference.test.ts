// The reference MHD Document Source passes its plan, matches its golden run, and each broken variant fails
// on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { mhdDocumentSourcePlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceMhdSource } from './index.ts';

describeReferenceSut({
  planId: 'mhd-document-source',
  title: 'reference MHD Document Source',
  // Short waits: a variant that never acts fails fast.
  plan: () => mhdDocumentSourcePlan({ waitMs: 5_000 }),
  start: startReferenceMhdSource,
  defects: DEFECTS,
  runOptions: { pollMs: 20 },
});
