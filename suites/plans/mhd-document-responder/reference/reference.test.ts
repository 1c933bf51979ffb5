// The reference MHD Document Responder passes its plan, matches its golden run, and each broken variant fails
// on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
import { mhdDocumentResponderPlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceMhd } from './index.ts';

describeReferenceSut({
  planId: 'mhd-document-responder',
  title: 'reference MHD Document Responder',
  plan: mhdDocumentResponderPlan,
  start: startReferenceMhd,
  defects: DEFECTS,
});
