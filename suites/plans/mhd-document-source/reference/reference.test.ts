// The reference MHD Document Source passes its plan, matches its golden run, and each broken variant fails
// on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { mhdDocumentSourcePlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceMhdSource } from './index.ts';

describeReferenceSut({
  planId: 'mhd-document-source',
  title: 'reference MHD Document Source',
  // Short waits: a variant that never acts fails fast. 30 s, not 5: the reference now posts three
  // Bundles one after the other, and on a loaded machine the first (cold) ITI-65 alone took 11 s.
  plan: () => mhdDocumentSourcePlan({ waitMs: 30_000 }),
  start: startReferenceMhdSource,
  defects: DEFECTS,
  runOptions: { pollMs: 20 },
});
