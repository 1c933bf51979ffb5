// The reference WIA facade passes its plan, matches its golden run, and each broken variant
// fails on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { wiaFacadePlan } from '../index.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceFacade } from './index.ts';

describeReferenceSut({
  planId: 'wia-facade',
  title: 'reference WIA Facade',
  plan: wiaFacadePlan,
  start: startReferenceFacade,
  defects: DEFECTS,
  timeoutMs: 60_000,
});
