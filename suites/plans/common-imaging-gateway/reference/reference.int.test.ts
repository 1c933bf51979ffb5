// The reference gateway (with Orthanc as its legacy PACS) passes the Common Imaging Gateway
// plan, matches its golden run, and each broken variant fails on exactly the requirements
// its defect breaks (see suites/reference-sut/reference.test-kit.ts). Needs the Orthanc peer.
import { expect } from 'vitest';
import { peerAvailable } from '../../../../fixtures/peers.ts';
import { commonImagingGatewayPlan } from '../index.ts';
import { describeReferenceSut } from '../../../reference-sut/reference.test-kit.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceGateway } from './index.ts';

describeReferenceSut({
  planId: 'common-imaging-gateway',
  title: 'reference Common Imaging Gateway (Orthanc as legacy PACS)',
  skip: !peerAvailable('Orthanc'),
  // Short waits: the reference gateway acts within a second; a defect that never acts fails fast.
  // The publication limit sits below the slow-publication defect's delay, well above the
  // reference's own latency; the wait covers that delay.
  plan: () => commonImagingGatewayPlan({ waitMs: 12_000, publicationLimitMs: 4_000 }),
  runOptions: { pollMs: 50 },
  start: startReferenceGateway,
  defects: DEFECTS,
  probe: (sut) => sut.problems(),
  onConformant: ({ probe }) => void expect(probe).toEqual([]),
  timeoutMs: 120_000,
});
