// The reference Document Registry and Repository passes its plan, matches its golden run, and
// each broken variant fails on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { documentRegistryRepositoryPlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceRegistry } from './index.ts';

describeReferenceSut({
  planId: 'document-registry-repository',
  title: 'reference Document Registry and Repository',
  plan: documentRegistryRepositoryPlan,
  start: startReferenceRegistry,
  defects: DEFECTS,
});
