// The reference Image Display passes its plan, matches its golden run, and each broken variant
// fails on exactly the requirements its defect breaks (see suites/reference-sut/reference.test-kit.ts).
// Needs Debian's Chromium (the plan's view step opens the page in it).
import { peerAvailable } from '../../../../fixtures/peers.ts';
import { CHROMIUM } from '../../../../fixtures/browser.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { imageDisplayPlan } from '../index.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceDisplay } from './index.ts';

describeReferenceSut({
  planId: 'image-display',
  title: 'reference Image Display',
  plan: imageDisplayPlan,
  start: startReferenceDisplay,
  defects: DEFECTS,
  skip: !peerAvailable(CHROMIUM),
  timeoutMs: 90_000,
});
